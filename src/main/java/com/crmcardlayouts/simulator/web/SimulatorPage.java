package com.crmcardlayouts.simulator.web;

import com.crmcardlayouts.simulator.DeliveredEvent;
import com.crmcardlayouts.simulator.EditorOptions;
import com.crmcardlayouts.simulator.SimPortal;
import com.crmcardlayouts.simulator.SimUser;
import com.crmcardlayouts.simulator.SimUsers;
import com.crmcardlayouts.simulator.Simulator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The simulated portal's web UI: the portal home with tools, the "Application" page (installer or
 * app frame) and CRM cards with the app's detail tab. Who "you" are is kept in a cookie.
 */
@Path("/simulator")
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class SimulatorPage {

    static final String USER_COOKIE = "sim_user";
    private static final String LANG = "en";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(PageViews.Home view);

        static native TemplateInstance app(PageViews.App view);

        static native TemplateInstance card(PageViews.Card view);
    }

    private final Simulator simulator;
    private final ObjectMapper mapper;

    SimulatorPage(Simulator simulator, ObjectMapper mapper) {
        this.simulator = simulator;
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response home(@QueryParam("as") Long as, @CookieParam(USER_COOKIE) String cookie) {
        SimPortal portal = simulator.portal();
        SimUser user = currentUser(portal, as, cookie);
        List<DeliveredEvent> deliveries = new ArrayList<>(portal.deliveredEvents());
        Collections.reverse(deliveries);
        List<PageViews.CardLink> cards = CrmSamples.items().stream()
                .map(i -> new PageViews.CardLink("card-link-" + i.kind().code() + "-" + i.id(), i.kind().label(),
                        i.title(), i.url()))
                .toList();
        List<PageViews.Toggle> toggles = List.of(
                new PageViews.Toggle("toggle-rate-limit", "toggle-rate-limit",
                        "Rate limit: every call gets QUERY_LIMIT_EXCEEDED", portal.rateLimited()),
                new PageViews.Toggle("toggle-leaky-bucket", "toggle-leaky-bucket",
                        "Leaky bucket (50 requests, drains 2/s)", portal.leakyBucket()),
                new PageViews.Toggle("toggle-operation-limit", "toggle-operation-limit",
                        "OPERATION_TIME_LIMIT on every method", portal.operationTimeLimited()),
                new PageViews.Toggle("toggle-old-portal", "toggle-old-portal",
                        "Old portal: no APPLICATION_TOKEN in frames", !portal.sendsApplicationToken()));
        List<String> configIds = CrmSamples.items().stream().map(CrmSamples.Item::configId).distinct().toList();
        String token = portal.applicationToken();
        PageViews.Home view = new PageViews.Home(header(portal, user, "/simulator"), portal, portal.appInstalled(),
                portal.appVersion(), token.substring(0, 6), portal.placements(), portal.eventBindings(),
                deliveries.stream().limit(20).toList(), cards, toggles, configIds);
        return html(Templates.home(view), user, as);
    }

    @GET
    @Path("app")
    @Produces(MediaType.TEXT_HTML)
    public Response app(@QueryParam("as") Long as, @CookieParam(USER_COOKIE) String cookie) {
        SimPortal portal = simulator.portal();
        SimUser user = currentUser(portal, as, cookie);
        PageViews.Header header = header(portal, user, "/simulator/app");
        PageViews.App view;
        if (portal.appInstalled()) {
            view = new PageViews.App(header, "app", frame(portal, user, "app-frame", simulator.applicationUrl(),
                    "DEFAULT", null, "CRM Card Layouts"));
        } else if (user.portalAdmin()) {
            // Bitrix24 shows the installer URL to admins until the installer calls installFinish.
            view = new PageViews.App(header, "installer", frame(portal, user, "app-frame", simulator.installerUrl(),
                    "DEFAULT", null, "CRM Card Layouts: installation"));
        } else {
            view = new PageViews.App(header, "not-installed", null);
        }
        return html(Templates.app(view), user, as);
    }

    @GET
    @Path("crm/{kind}/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response card(@PathParam("kind") String kind, @PathParam("id") long id, @QueryParam("as") Long as,
                         @CookieParam(USER_COOKIE) String cookie) {
        CrmSamples.Item item = CrmSamples.item(kind, id).orElse(null);
        if (item == null) {
            return Response.status(404).type(MediaType.TEXT_PLAIN).entity("No such CRM item").build();
        }
        SimPortal portal = simulator.portal();
        SimUser user = currentUser(portal, as, cookie);
        EditorOptions.Effective layout = portal.editorOptions().effective(item.configId(), user.id());
        List<PageViews.Tab> tabs = new ArrayList<>();
        if (portal.appInstalled()) {
            // Widgets show only after installFinish; each bound handler becomes a tab with its own frame.
            String placement = item.kind().placement();
            portal.placements().stream().filter(p -> p.placement().equals(placement)).forEach(p -> {
                String suffix = tabs.isEmpty() ? "" : "-" + (tabs.size() + 1);
                String title = p.title().isEmpty() ? langTitle(p.langAll()) : p.title();
                tabs.add(new PageViews.Tab("card-tab-app" + suffix, title, frame(portal, user, "card-tab-frame" + suffix,
                        p.handler(), placement, "{\"ID\":\"" + item.id() + "\"}", title)));
            });
        }
        PageViews.Card view = new PageViews.Card(header(portal, user, item.url()), item.kind().code(),
                item.kind().label(), item.id(), item.title(), item.configId(), layout.source(),
                sections(item, layout.layout()), tabs, portal.appInstalled());
        return html(Templates.card(view), user, as);
    }

    /** Called by the page when the installer frame runs {@code BX24.installFinish()}. */
    @POST
    @Path("api/install-finish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> installFinish(@FormParam("APP_SID") String appSid) {
        SimPortal portal = simulator.portal();
        Optional<SimUser> admin = portal.frameSession(appSid)
                .flatMap(frame -> portal.user(frame.userId()))
                .filter(SimUser::portalAdmin);
        if (admin.isEmpty()) {
            return CompletableFuture.completedFuture(Response.status(403)
                    .entity(Map.of("error", "Only an administrator's installer frame can finish the installation")).build());
        }
        return portal.finishInstall(admin.get().id())
                .thenApply(delivered -> Response.ok(Map.of("installed", true, "eventsDelivered", delivered.size())).build());
    }

    /** The buttons of the tools panel and of the cards; each redirects back to the page it came from. */
    @POST
    @Path("actions/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response action(@PathParam("action") String action, @CookieParam(USER_COOKIE) String cookie,
                           MultivaluedMap<String, String> form) {
        SimPortal portal = simulator.portal();
        SimUser user = currentUser(portal, null, cookie);
        long target = parseLong(form.getFirst("user")).orElse(user.id());
        String configId = Optional.ofNullable(form.getFirst("configId")).orElse("");
        NewCookie switched = null;
        switch (action) {
            case "switch-user" -> switched = userCookie(target);
            case "uninstall" -> {
                requireAdmin(user);
                portal.uninstall("1".equals(form.getFirst("clean")));
            }
            case "publish-update" -> {
                requireAdmin(user);
                if (portal.appInstalled()) {
                    portal.publishUpdate(user.id());
                }
            }
            case "expire-tokens" -> portal.expireAllAccessTokens();
            case "revoke-refresh" -> portal.revokeRefreshTokens(target);
            case "toggle-rate-limit" -> portal.setRateLimited(!portal.rateLimited());
            case "toggle-leaky-bucket" -> portal.setLeakyBucket(!portal.leakyBucket());
            case "toggle-operation-limit" -> portal.setOperationTimeLimited(!portal.operationTimeLimited());
            case "toggle-old-portal" -> portal.setSendsApplicationToken(!portal.sendsApplicationToken());
            case "seed-personal" -> portal.seedPersonalLayout(configId, target);
            case "seed-common" -> portal.seedCommonLayout(configId);
            case "choose-view" -> portal.seedViewChoice(configId, target, "C".equals(form.getFirst("scope")) ? "C" : "P");
            case "reset" -> simulator.reset();
            default -> {
                return Response.status(404).type(MediaType.TEXT_PLAIN).entity("Unknown action").build();
            }
        }
        Response.ResponseBuilder redirect = Response.seeOther(URI.create(back(form.getFirst("back"))));
        return switched == null ? redirect.build() : redirect.cookie(switched).build();
    }

    private static void requireAdmin(SimUser user) {
        if (!user.portalAdmin()) {
            throw new WebApplicationException(Response.status(403).type(MediaType.TEXT_PLAIN)
                    .entity("Only a portal administrator can do this").build());
        }
    }

    private static String back(String back) {
        return back != null && back.startsWith("/simulator") && !back.startsWith("//") ? back : "/simulator";
    }

    private PageViews.Frame frame(SimPortal portal, SimUser user, String frameId, String url, String placement,
                                  String optionsJson, String title) {
        String query = portal.frameQuery(user.id(), LANG);
        String appSid = query.substring(query.indexOf("APP_SID=") + "APP_SID=".length());
        Map<String, String> form = portal.frameForm(user.id(), placement, optionsJson);
        List<PageViews.Field> fields = form.entrySet().stream()
                .map(e -> new PageViews.Field(e.getKey(), e.getValue())).toList();
        String action = url + (url.contains("?") ? "&" : "?") + query;
        return new PageViews.Frame(frameId, "frame-" + appSid, action, fields, appSid,
                initData(portal, user, appSid, form, optionsJson), title);
    }

    /** What the parent hands the frame's BX24.init(): the same data as the form, options as an object. */
    private String initData(SimPortal portal, SimUser user, String appSid, Map<String, String> form, String optionsJson) {
        ObjectNode init = mapper.createObjectNode()
                .put("DOMAIN", portal.domain())
                .put("PROTOCOL", 0)
                .put("LANG", LANG)
                .put("APP_SID", appSid)
                .put("AUTH_ID", form.get("AUTH_ID"))
                .put("AUTH_EXPIRES", 3600)
                .put("REFRESH_ID", form.get("REFRESH_ID"))
                .put("MEMBER_ID", portal.memberId())
                .put("IS_ADMIN", user.portalAdmin())
                .put("PLACEMENT", form.get("PLACEMENT"))
                .put("INSTALL", !portal.appInstalled())
                .put("FIRST_RUN", !portal.appInstalled());
        try {
            init.set("PLACEMENT_OPTIONS", optionsJson == null ? mapper.createObjectNode() : mapper.readTree(optionsJson));
            return mapper.writeValueAsString(init);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Placement options are not JSON", e);
        }
    }

    private static List<PageViews.CardSection> sections(CrmSamples.Item item, Optional<JsonNode> stored) {
        List<PageViews.CardSection> sections = new ArrayList<>();
        if (stored.isPresent()) {
            JsonNode value = stored.get();
            JsonNode first = value.path(0);
            JsonNode list = "column".equals(first.path("type").asText()) ? first.path("elements") : value;
            for (JsonNode section : list) {
                List<PageViews.CardField> fields = new ArrayList<>();
                for (JsonNode element : section.path("elements")) {
                    fields.add(field(item, element.path("name").asText()));
                }
                sections.add(new PageViews.CardSection(section.path("title").asText(), fields));
            }
            return sections;
        }
        for (CrmSamples.DefaultSection section : CrmSamples.defaultLayout(item.kind())) {
            sections.add(new PageViews.CardSection(section.title(),
                    section.fields().stream().map(f -> field(item, f)).toList()));
        }
        return sections;
    }

    private static PageViews.CardField field(CrmSamples.Item item, String code) {
        String value = item.fields().getOrDefault(code, "");
        return new PageViews.CardField(code, CrmSamples.label(code), value.isEmpty() ? "—" : value);
    }

    private static String langTitle(JsonNode langAll) {
        JsonNode own = langAll.path(SimPortal.LANGUAGE).path("TITLE");
        return own.isMissingNode() || own.asText().isEmpty() ? SimPortal.APP_NAME : own.asText();
    }

    private PageViews.Header header(SimPortal portal, SimUser user, String path) {
        return new PageViews.Header(user, portal.users(), path, simulator.appOrigin());
    }

    /** {@code ?as=N} wins over the cookie; unknown ids fall back to the portal admin ({@link SimUsers#ADMIN}). */
    private static SimUser currentUser(SimPortal portal, Long as, String cookie) {
        Optional<Long> chosen = as != null ? Optional.of(as) : parseLong(cookie);
        return chosen.flatMap(portal::user).or(() -> portal.user(SimUsers.ADMIN)).orElseGet(() -> portal.users().get(0));
    }

    private static Optional<Long> parseLong(String value) {
        try {
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static NewCookie userCookie(long userId) {
        return new NewCookie.Builder(USER_COOKIE).value(String.valueOf(userId)).path("/simulator")
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    private static Response html(TemplateInstance page, SimUser user, Long as) {
        Response.ResponseBuilder response = Response.ok(page.render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store");
        return as != null ? response.cookie(userCookie(user.id())).build() : response.build();
    }
}
