package io.holdfast.demo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module map of the README, enforced over every module's classes. */
@AnalyzeClasses(packages = "io.holdfast", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {"io.holdfast.store..", "io.holdfast.order..", "io.holdfast.money..",
            "io.holdfast.receipt..", "io.holdfast.giftcard..", "io.holdfast.returns..", "io.holdfast.mode..",
            "io.holdfast.outbox..", "io.holdfast.audit.."};

    @ArchTest
    static final ArchRule theCoreUsesNoWebMqttOrResilienceLibrary = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.helidon..", "org.eclipse.paho..", "io.github.resilience4j..")
            .because("the core declares ports; store-gateway and sync supply the adapters");

    @ArchTest
    static final ArchRule theCoreDependsOnNoOtherModule = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("io.holdfast.gateway..", "io.holdfast.sync..",
                    "io.holdfast.hardware..", "io.holdfast.central..", "io.holdfast.demo..");

    @ArchTest
    static final ArchRule hardwareStandsAlone = noClasses().that().resideInAPackage("io.holdfast.hardware..")
            .should().dependOnClassesThat().resideInAnyPackage(CORE)
            .orShould().dependOnClassesThat().resideInAnyPackage("io.holdfast.gateway..", "io.holdfast.sync..");

    @ArchTest
    static final ArchRule productionCodeNeverUsesTheSimulator = noClasses()
            .that().resideInAnyPackage("io.holdfast.gateway..", "io.holdfast.sync..", "io.holdfast.hardware..")
            .should().dependOnClassesThat().resideInAnyPackage("io.holdfast.central..", "io.holdfast.demo..");

    @ArchTest
    static final ArchRule nothingWritesToStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule nothingThrowsGenericExceptions = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
}
