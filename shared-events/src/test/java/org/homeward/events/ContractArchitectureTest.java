package org.homeward.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The event contract is plain data: it depends on nothing but the JDK and Jackson; the domain kernel on nothing but the contract. */
class ContractArchitectureTest {
    final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.homeward.events");

    @Test
    void the_contract_depends_only_on_the_jdk_and_jackson() {
        // javax.crypto: the JDK's AES-GCM, which seals personal values (ADR 33)
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", "com.fasterxml.jackson..", "org.homeward.events..")
                .check(classes);
    }

    @Test
    void the_domain_kernel_depends_only_on_the_jdk_and_the_contract() {
        JavaClasses kernel = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.homeward.domain");
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.homeward.events..", "org.homeward.domain..")
                .check(kernel);
    }

    @Test
    void events_are_records_in_one_sealed_interface_per_aggregate() {
        classes()
                .that()
                .implement(DomainEvent.class)
                .and()
                .areNotInterfaces()
                .should()
                .beRecords()
                .andShould()
                .beNestedClasses()
                .check(classes);
    }
}
