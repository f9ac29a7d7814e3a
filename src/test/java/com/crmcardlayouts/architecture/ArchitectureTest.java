package com.crmcardlayouts.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the architecture: dependencies point one way, from {@code web} through the
 * features and the shared capabilities down to {@code portal}, {@code bitrix24} and {@code config};
 * features never reach into each other; only {@code bitrix24} talks to Bitrix24.
 */
class ArchitectureTest {

    private static final String APP = "com.crmcardlayouts";
    private static final String[] FEATURES = {APP + ".cardlayouts..", APP + ".admin.."};
    private static final String[] CAPABILITIES = {APP + ".audit..", APP + ".settings..", APP + ".bindings..", APP + ".requests.."};
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(APP);

    @Test
    void no_package_cycles() {
        slices().matching(APP + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void features_never_depend_on_each_other() {
        noClasses().that().resideInAPackage(APP + ".cardlayouts..").should().dependOnClassesThat().resideInAPackage(APP + ".admin..")
                .check(MAIN);
        noClasses().that().resideInAPackage(APP + ".admin..").should().dependOnClassesThat().resideInAPackage(APP + ".cardlayouts..")
                .check(MAIN);
    }

    @Test
    void shared_capabilities_serve_features_and_never_use_them_or_the_pages() {
        noClasses().that().resideInAnyPackage(CAPABILITIES).should().dependOnClassesThat()
                .resideInAnyPackage(join(FEATURES, APP + ".web..", APP + ".lifecycle..", APP + ".frame.."))
                .check(MAIN);
    }

    @Test
    void the_foundation_knows_nothing_above_it() {
        noClasses().that().resideInAnyPackage(APP + ".portal..", APP + ".bitrix24..", APP + ".config..")
                .should().dependOnClassesThat()
                .resideInAnyPackage(join(join(FEATURES, CAPABILITIES), APP + ".web..", APP + ".lifecycle..", APP + ".frame.."))
                .check(MAIN);
        noClasses().that().resideInAnyPackage(APP + ".portal..", APP + ".config..")
                .should().dependOnClassesThat().resideInAPackage(APP + ".bitrix24..")
                .check(MAIN);
    }

    @Test
    void nothing_but_the_pages_depends_on_the_pages() {
        noClasses().that().resideOutsideOfPackage(APP + ".web..").should().dependOnClassesThat().resideInAPackage(APP + ".web..")
                .check(MAIN);
    }

    @Test
    void the_app_never_depends_on_the_simulator() {
        noClasses().that().resideOutsideOfPackage(APP + ".simulator..").should().dependOnClassesThat()
                .resideInAPackage(APP + ".simulator..")
                .check(MAIN);
    }

    @Test
    void only_bitrix24_talks_http_to_bitrix24() {
        noClasses().that().resideOutsideOfPackages(APP + ".bitrix24..", APP + ".simulator..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.vertx.core.http.HttpClient")
                .check(MAIN);
    }

    private static String[] join(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
