package org.homeward.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The boundaries every service keeps: packages by feature without cycles, aggregates free of
 * infrastructure, HTTP only in *Resource classes and each of them saying who may call it.
 */
public final class ArchitectureRules {

    public static void check(String servicePackage, String... aggregates) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);

        slices().matching(servicePackage + ".(*)..").should().beFreeOfCycles()
                .because("features depend on each other in one direction only").check(classes);

        noClasses().should().resideInAnyPackage("..controller..", "..repository..", "..dto..", "..entity..", "..model..")
                .because("code is packaged by feature, not by layer").check(classes);

        if (aggregates.length > 0) {
            noClasses().that().haveNameMatching(".*\\.(" + String.join("|", aggregates) + ")")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "java.sql..", "javax.sql..",
                        "jakarta.enterprise..", "jakarta.inject..", "org.eclipse.microprofile..", "io.quarkus..",
                        "org.apache.kafka..")
                    .because("aggregates decide on commands and evolve from events, nothing else").check(classes);
        }

        classes().that().areAnnotatedWith("jakarta.ws.rs.Path").should().haveSimpleNameEndingWith("Resource")
                .check(classes);
        classes().that().areAnnotatedWith("jakarta.ws.rs.Path")
                .should().beAnnotatedWith("jakarta.annotation.security.RolesAllowed")
                .orShould().beAnnotatedWith("io.quarkus.security.Authenticated")
                .because("every endpoint says who may call it").check(classes);

        noClasses().that().haveSimpleNameNotEndingWith("Resource")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs")
                .because("HTTP stays at the edge").check(classes);
    }

    private ArchitectureRules() {
    }
}
