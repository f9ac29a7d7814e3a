package com.crmcardlayouts.deployment;

import com.crmcardlayouts.config.AppConfig;
import com.crmcardlayouts.config.Bitrix24Config;
import com.crmcardlayouts.config.MetricsConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the deployment files in step with the configuration the code reads: a setting added to
 * {@link AppConfig}, {@link Bitrix24Config} or {@link MetricsConfig} without a default fails here until Compose,
 * {@code .env.example} and the Kubernetes ConfigMap or Secret name it.
 */
class DeploymentConfigTest {

    private static final Path DEPLOYMENT = Path.of("deployment");
    private static final Path KUBERNETES = DEPLOYMENT.resolve("kubernetes");
    private static final List<String> DATASOURCE = List.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
    private static final Pattern SECRET_NAME = Pattern.compile("SECRET|KEY|PASSWORD|TOKEN");
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Env var name of every mapped setting, with whether production must set it. */
    static Map<String, Boolean> mappedSettings() throws IOException {
        Set<String> defaultedInProperties = applicationProperties().stringPropertyNames().stream()
                .filter(key -> !key.startsWith("%"))
                .collect(Collectors.toSet());
        Map<String, Boolean> settings = new TreeMap<>();
        for (Class<?> mapping : List.of(AppConfig.class, Bitrix24Config.class, MetricsConfig.class)) {
            collect(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), defaultedInProperties, settings);
        }
        return settings;
    }

    private static void collect(Class<?> mapping, String prefix, Set<String> defaulted, Map<String, Boolean> into) {
        for (Method method : mapping.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers())) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String property = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && !type.getName().startsWith("java.")) {
                collect(type, property, defaulted, into);
                continue;
            }
            boolean optional = Set.of(Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class).contains(type);
            boolean required = !optional && method.getAnnotation(WithDefault.class) == null && !defaulted.contains(property);
            into.put(envName(property), required);
        }
    }

    /** {@code rateLimitBudget} → {@code rate-limit-budget}, as SmallRye Config names members. */
    static String kebab(String member) {
        return member.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** {@code app.public-url} → {@code APP_PUBLIC_URL}, the environment variable Quarkus maps to it. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    static Set<String> requiredInProduction() throws IOException {
        Set<String> required = new TreeSet<>(DATASOURCE);
        mappedSettings().forEach((env, isRequired) -> {
            if (isRequired) {
                required.add(env);
            }
        });
        return required;
    }

    @Test
    void derives_the_required_settings_the_way_quarkus_does() throws IOException {
        assertEquals("app.public-url", "app." + kebab("publicUrl"));
        assertEquals("BITRIX24_RATE_LIMIT_FIRST_BACKOFF", envName("bitrix24.rate-limit-first-backoff"));
        Set<String> required = requiredInProduction();
        assertTrue(required.containsAll(Set.of("APP_PUBLIC_URL", "APP_ENCRYPTION_KEY", "BITRIX24_CLIENT_ID",
                "BITRIX24_CLIENT_SECRET", "QUARKUS_DATASOURCE_JDBC_URL")), required.toString());
        // Optional, @WithDefault, and defaulted in application.properties: none of them is required.
        assertTrue(mappedSettings().containsKey("APP_PREVIOUS_ENCRYPTION_KEYS"));
        assertFalse(required.contains("APP_PREVIOUS_ENCRYPTION_KEYS"));
        assertFalse(required.contains("BITRIX24_OAUTH_SERVER_URL"));
        assertFalse(required.contains("APP_BX24_SCRIPT_URL"));
    }

    @Test
    void every_required_setting_is_given_in_compose_env_example_and_kubernetes() throws IOException {
        Set<String> compose = composeAppEnvironment();
        Set<String> envExample = envExample(false);
        Set<String> configMap = kubernetesKeys("ConfigMap", "data");
        Set<String> secret = kubernetesKeys("Secret", "stringData");
        for (String env : requiredInProduction()) {
            assertTrue(compose.contains(env), env + " missing from deployment/compose.yaml (services.app.environment)");
            assertTrue(envExample.contains(env), env + " missing (uncommented) from deployment/.env.example");
            if (isSecret(env)) {
                assertTrue(secret.contains(env), env + " missing from the Kubernetes Secret");
            } else {
                assertTrue(configMap.contains(env), env + " missing from the Kubernetes ConfigMap");
            }
        }
    }

    @Test
    void env_example_names_every_setting_the_app_reads() throws IOException {
        Set<String> named = envExample(true);
        Set<String> read = new TreeSet<>(mappedSettings().keySet());
        read.addAll(DATASOURCE);
        // Variables application.properties reads itself, such as the JSON-log switch.
        Matcher reference = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        while (reference.find()) {
            read.add(reference.group(1));
        }
        assertTrue(read.contains("APP_JSON_LOGS"), "the JSON-log switch is read from APP_JSON_LOGS");
        read.removeAll(named);
        assertEquals(Set.of(), read, "not named in deployment/.env.example");
    }

    @Test
    void secrets_are_only_in_the_secret() throws IOException {
        Set<String> configMap = kubernetesKeys("ConfigMap", "data");
        Set<String> secrets = Stream.concat(mappedSettings().keySet().stream(), DATASOURCE.stream())
                .filter(DeploymentConfigTest::isSecret)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(secrets.containsAll(Set.of("BITRIX24_CLIENT_SECRET", "APP_ENCRYPTION_KEY", "QUARKUS_DATASOURCE_PASSWORD")), secrets.toString());
        assertEquals(Set.of(), configMap.stream().filter(DeploymentConfigTest::isSecret).collect(Collectors.toSet()),
                "secret values in the ConfigMap");
        assertTrue(kubernetesKeys("Secret", "stringData").containsAll(secrets), "every secret setting has a Secret entry");
    }

    @Test
    void the_secret_template_holds_placeholders_only() throws IOException {
        JsonNode secret = kubernetes("Secret");
        secret.get("stringData").fields().forEachRemaining(entry -> {
            String value = entry.getValue().asText();
            assertTrue(value.isEmpty() || value.startsWith("REPLACE_WITH_"), entry.getKey() + " must be a placeholder");
        });
    }

    @Test
    void deployment_and_job_read_the_configmap_and_the_secret() throws IOException {
        String configMap = kubernetes("ConfigMap").at("/metadata/name").asText();
        String secret = kubernetes("Secret").at("/metadata/name").asText();
        List<JsonNode> workloads = new ArrayList<>();
        workloads.add(kubernetes("Deployment").at("/spec/template/spec"));
        workloads.add(documents(KUBERNETES.resolve("jobs/reencrypt-tokens.yaml")).get(0).at("/spec/template/spec"));
        for (JsonNode pod : workloads) {
            JsonNode envFrom = pod.at("/containers/0/envFrom");
            assertEquals(configMap, envFrom.at("/0/configMapRef/name").asText());
            assertEquals(secret, envFrom.at("/1/secretRef/name").asText());
        }
        assertEquals("reencrypt-tokens", documents(KUBERNETES.resolve("jobs/reencrypt-tokens.yaml")).get(0)
                .at("/spec/template/spec/containers/0/args/0").asText());
    }

    @Test
    void every_yaml_file_parses_and_kustomize_lists_existing_files() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(DEPLOYMENT), Files.walk(Path.of(".github")))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
        }
        assertTrue(files.size() >= 10, files.toString());
        for (Path file : files) {
            assertFalse(documents(file).isEmpty(), file + " is empty");
        }
        for (JsonNode resource : documents(KUBERNETES.resolve("kustomization.yaml")).get(0).get("resources")) {
            assertTrue(Files.isRegularFile(KUBERNETES.resolve(resource.asText())), resource.asText());
        }
    }

    @Test
    void metrics_are_scraped_from_the_management_port_which_neither_service_nor_ingress_exposes() throws IOException {
        int management = Integer.parseInt(applicationProperties().getProperty("quarkus.management.port", "9000"));
        assertEquals("true", applicationProperties().getProperty("quarkus.management.enabled"));
        JsonNode pod = kubernetes("Deployment").at("/spec/template");
        assertEquals(String.valueOf(management), pod.at("/metadata/annotations/prometheus.io~1port").asText());
        assertEquals("/q/metrics", pod.at("/metadata/annotations/prometheus.io~1path").asText());
        Map<String, Integer> containerPorts = new TreeMap<>();
        pod.at("/spec/containers/0/ports").forEach(port -> containerPorts.put(port.get("name").asText(), port.get("containerPort").asInt()));
        assertEquals(Map.of("http", 8080, "management", management), containerPorts);

        // The Service forwards only the app's port, and the Ingress only reaches the Service's ports.
        JsonNode servicePorts = kubernetes("Service").at("/spec/ports");
        assertEquals(1, servicePorts.size(), servicePorts.toString());
        assertEquals("http", servicePorts.get(0).get("targetPort").asText());
        String service = kubernetes("Service").at("/metadata/name").asText();
        for (JsonNode rule : kubernetes("Ingress").at("/spec/rules")) {
            for (JsonNode path : rule.at("/http/paths")) {
                assertEquals(service, path.at("/backend/service/name").asText());
                assertEquals("http", path.at("/backend/service/port/name").asText());
            }
        }
        assertTrue(Files.readString(DEPLOYMENT.resolve("Dockerfile")).contains("EXPOSE 8080 " + management));
    }

    @Test
    void health_probes_ask_the_apps_own_port() throws IOException {
        JsonNode container = kubernetes("Deployment").at("/spec/template/spec/containers/0");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals("http", container.at("/" + probe + "/httpGet/port").asText(), probe);
            assertTrue(container.at("/" + probe + "/httpGet/path").asText().startsWith("/q/health/"), probe);
        }
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        String composeCheck = documents(DEPLOYMENT.resolve("compose.yaml")).get(0).at("/services/app/healthcheck/test").toString();
        assertTrue(composeCheck.contains("http://127.0.0.1:8080/q/health/ready"), composeCheck);
        assertTrue(Files.readString(DEPLOYMENT.resolve("Dockerfile")).contains("http://127.0.0.1:8080/q/health/live"));
    }

    static boolean isSecret(String env) {
        return SECRET_NAME.matcher(env).find();
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static Set<String> composeAppEnvironment() throws IOException {
        JsonNode environment = documents(DEPLOYMENT.resolve("compose.yaml")).get(0).at("/services/app/environment");
        Set<String> names = new TreeSet<>();
        if (environment.isArray()) {
            environment.forEach(item -> names.add(item.asText().split("=", 2)[0]));
        } else {
            environment.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** Names assigned in .env.example; with {@code includeCommented}, also the documented optional ones. */
    private static Set<String> envExample(boolean includeCommented) throws IOException {
        Pattern line = Pattern.compile(includeCommented ? "^#?([A-Z][A-Z0-9_]*)=" : "^([A-Z][A-Z0-9_]*)=");
        return Files.readAllLines(DEPLOYMENT.resolve(".env.example")).stream()
                .map(line::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> kubernetesKeys(String kind, String field) throws IOException {
        Set<String> keys = new TreeSet<>();
        kubernetes(kind).get(field).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static JsonNode kubernetes(String kind) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                documents(file).stream().filter(doc -> kind.equals(doc.path("kind").asText())).forEach(found::add);
            }
        }
        assertEquals(1, found.size(), "one " + kind + " in " + KUBERNETES);
        return found.get(0);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            it.forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            });
        }
        return docs;
    }
}
