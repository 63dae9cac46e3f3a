package org.homeward.testsupport;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.homeward.domain.Aggregate;
import org.homeward.domain.LoadedStream;

/**
 * The boundaries every service keeps: packages by feature without cycles, aggregates free of
 * infrastructure, HTTP only in *Resource classes and each of them saying who may call it, and no SQL in them.
 */
public final class ArchitectureRules {

    /**
     * Aggregates are found by their mark ({@link Aggregate}); {@code domainClasses} names other
     * classes that hold domain logic (scorers, value types an aggregate validates with) and must
     * stay as free of infrastructure as the aggregates.
     */
    public static void check(String servicePackage, String... domainClasses) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);

        slices().matching(servicePackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("features depend on each other in one direction only")
                .check(classes);

        noClasses()
                .should()
                .resideInAnyPackage("..controller..", "..repository..", "..dto..", "..entity..", "..model..")
                .because("code is packaged by feature, not by layer")
                .check(classes);

        classes()
                .that(rebuiltFromAStream())
                .should()
                .beAnnotatedWith(Aggregate.class)
                .because(
                        "a class rebuilt from its stream's events is an aggregate, and the rules below find aggregates by the mark")
                .allowEmptyShould(true)
                .check(classes);

        DescribedPredicate<JavaClass> domain = annotatedWith(Aggregate.class)
                .or(nameMatching(
                        domainClasses.length == 0 ? "(?!)" : ".*\\.(" + String.join("|", domainClasses) + ")"));
        noClasses()
                .that(domain)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.homeward.eventstore..",
                        "jakarta.ws.rs..",
                        "java.sql..",
                        "javax.sql..",
                        "jakarta.enterprise..",
                        "jakarta.inject..",
                        "org.eclipse.microprofile..",
                        "io.quarkus..",
                        "io.smallrye..",
                        "io.vertx..",
                        "org.apache.kafka..",
                        "org.homeward.platform.problem..")
                .because(
                        "aggregates decide on commands and evolve from events, refusing with the domain's exceptions (org.homeward.domain); "
                                + "HTTP statuses, storage and the framework are the edge's business")
                .allowEmptyShould(true)
                .check(classes);

        classes()
                .that()
                .areAnnotatedWith("jakarta.ws.rs.Path")
                .should()
                .haveSimpleNameEndingWith("Resource")
                .check(classes);
        classes()
                .that()
                .areAnnotatedWith("jakarta.ws.rs.Path")
                .should()
                .beAnnotatedWith("jakarta.annotation.security.RolesAllowed")
                .orShould()
                .beAnnotatedWith("io.quarkus.security.Authenticated")
                .because("every endpoint says who may call it")
                .check(classes);

        noClasses()
                .that()
                .haveSimpleNameNotEndingWith("Resource")
                .and()
                .haveSimpleNameNotEndingWith("Params")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.ws.rs")
                .because("HTTP stays at the edge: resources and the parameter beans they share (ADR 42)")
                .check(classes);

        noClasses()
                .that()
                .haveSimpleNameEndingWith("Resource")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.homeward.platform.sourcing.Sql")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.sql.PreparedStatement")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.sql.ResultSet")
                .because(
                        "a read model's SQL lives in one place, its read-model or query class; resources translate HTTP")
                .check(classes);
    }

    /** A class with a static factory taking a {@link LoadedStream}: the shape of every aggregate here. */
    private static DescribedPredicate<JavaClass> rebuiltFromAStream() {
        return DescribedPredicate.describe(
                "are rebuilt from a LoadedStream",
                c -> c.getMethods().stream()
                        .anyMatch(m -> m.getModifiers().contains(JavaModifier.STATIC)
                                && m.getRawParameterTypes().stream().anyMatch(p -> p.isEquivalentTo(LoadedStream.class))
                                && m.getRawReturnType().equals(c)));
    }

    private ArchitectureRules() {}
}
