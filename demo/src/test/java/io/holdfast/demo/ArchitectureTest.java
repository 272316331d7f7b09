package io.holdfast.demo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import picocli.CommandLine;

/** The module map of the README, enforced over every module's classes. */
@AnalyzeClasses(packages = "io.holdfast",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestSupport.class})
class ArchitectureTest {

    /** kiosk-core's test jar (test clocks, helpers) is on this module's test class path, but is not main code. */
    static final class NoTestSupport implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/io/holdfast/testing/");
        }
    }

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
                    "io.holdfast.hardware..", "io.holdfast.central..", "io.holdfast.demo..", "io.holdfast.regional..",
                    "io.holdfast.fleetsim..");

    @ArchTest
    static final ArchRule hardwareStandsAlone = noClasses().that().resideInAPackage("io.holdfast.hardware..")
            .should().dependOnClassesThat().resideInAnyPackage(CORE)
            .orShould().dependOnClassesThat().resideInAnyPackage("io.holdfast.gateway..", "io.holdfast.sync..");

    @ArchTest
    static final ArchRule productionCodeNeverUsesTheSimulators = noClasses()
            .that().resideInAnyPackage("io.holdfast.gateway..", "io.holdfast.sync..", "io.holdfast.hardware..",
                    "io.holdfast.regional..")
            .should().dependOnClassesThat().resideInAnyPackage("io.holdfast.central..", "io.holdfast.demo..",
                    "io.holdfast.fleetsim..");

    @ArchTest
    static final ArchRule theConsoleTalksToStoresOnlyThroughTheBroker = noClasses()
            .that().resideInAPackage("io.holdfast.regional..")
            .should().dependOnClassesThat().resideInAnyPackage("io.holdfast.gateway..")
            .because("regional IT's console reads the fleet from the broker and acts through signed commands");

    @ArchTest
    static final ArchRule theGatewayDoesNotUseTheConsole = noClasses()
            .that().resideInAnyPackage("io.holdfast.gateway..", "io.holdfast.sync..")
            .should().dependOnClassesThat().resideInAnyPackage("io.holdfast.regional..");

    @ArchTest
    static final ArchRule theConsolesRulesAreFreeOfTheWebAndTheBroker = noClasses()
            .that().resideInAnyPackage("io.holdfast.regional.waves..", "io.holdfast.regional.rollout..",
                    "io.holdfast.regional.fleet..", "io.holdfast.regional.operator..")
            .should().dependOnClassesThat().resideInAnyPackage("io.helidon..", "org.eclipse.paho..");

    @ArchTest
    static final ArchRule nothingWritesToStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule nothingThrowsGenericExceptions = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    /** What reads the machine's clock or zone instead of the injected {@code Clock} and the store's zone. */
    private static final Set<String> MACHINE_TIME = Set.of(
            "java.time.Instant.now()",
            "java.time.LocalDate.now()", "java.time.LocalDate.now(java.time.ZoneId)",
            "java.time.LocalDateTime.now()", "java.time.LocalDateTime.now(java.time.ZoneId)",
            "java.time.LocalTime.now()", "java.time.LocalTime.now(java.time.ZoneId)",
            "java.time.ZonedDateTime.now()", "java.time.ZonedDateTime.now(java.time.ZoneId)",
            "java.time.OffsetDateTime.now()", "java.time.OffsetDateTime.now(java.time.ZoneId)",
            "java.time.Clock.systemUTC()", "java.time.Clock.systemDefaultZone()", "java.time.Clock.system(java.time.ZoneId)",
            "java.time.ZoneId.systemDefault()", "java.util.TimeZone.getDefault()");

    /**
     * The composition roots, which may read the machine's clock once and hand it on: the two
     * {@code main}s, which give it to the gateway's commands (serve, sign, release, update, supervise,
     * staff), and the demo's own {@code @Command} classes (demo and the benchmarks). {@code Gateway.start} takes the
     * clock it is given (its one-argument form, which read the system clock, is gone), and so does
     * everything else, so a test can choose the day.
     */
    private static final DescribedPredicate<JavaMethodCall> READS_MACHINE_TIME_OUTSIDE_A_COMPOSITION_ROOT =
            new DescribedPredicate<>("reads the machine's clock or zone outside a composition root") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return MACHINE_TIME.contains(call.getTarget().getFullName())
                            && !isDemoCommand(call.getOriginOwner())
                            && !isMain(call.getOriginOwner());
                }
            };

    /** The two entry points: {@code ./holdfast}'s and the bare gateway jar's. */
    private static boolean isMain(JavaClass owner) {
        return owner.isEquivalentTo(HoldfastLauncher.class) || owner.isEquivalentTo(io.holdfast.gateway.Main.class);
    }

    private static boolean isDemoCommand(JavaClass owner) {
        return isCommand(owner) && owner.getPackageName().equals(HoldfastLauncher.class.getPackageName());
    }

    private static boolean isCommand(JavaClass owner) {
        return owner.isAnnotatedWith(CommandLine.Command.class)
                || owner.getEnclosingClass().map(ArchitectureTest::isCommand).orElse(false);
    }

    @ArchTest
    static final ArchRule timeComesFromTheInjectedClock = noClasses()
            .should().callMethodWhere(READS_MACHINE_TIME_OUTSIDE_A_COMPOSITION_ROOT)
            .because("one clock and one zone: business dates come from the injected Clock and the store's zone,"
                    + " so a test chooses its day and the store's midnight is the store's");
}
