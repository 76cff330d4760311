package lab.handshake;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Packages depend downward only (docs/architecture.md draws the layers): the engine on nothing but Java, the
 * shared pieces on no feature, and no two packages on each other.
 */
@AnalyzeClasses(packages = "lab.handshake", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The feature packages: each owns one part of the site and may use the shared pieces below it. */
    private static final String[] FEATURES = {"lab.handshake.assignments..", "lab.handshake.authoring..", "lab.handshake.capture..",
            "lab.handshake.classes..", "lab.handshake.content..", "lab.handshake.lesson..", "lab.handshake.limits..",
            "lab.handshake.quiz..", "lab.handshake.recovery..", "lab.handshake.scenario..", "lab.handshake.session..", "lab.handshake.site..",
            "lab.handshake.storage..", "lab.handshake.teacher..", "lab.handshake.openapi..", "lab.handshake.activity.."};

    @ArchTest
    static final ArchRule engineUsesNoFramework = noClasses().that().resideInAPackage("lab.handshake.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "javax..",
                    "com.fasterxml.jackson..", "io.vertx..", "org.eclipse.microprofile..", "org.jboss..", "io.smallrye..")
            .because("the engine is pure Java on virtual time, testable and reusable without a server");

    @ArchTest
    static final ArchRule engineUsesNoOtherPartOfTheSite = noClasses().that().resideInAPackage("lab.handshake.engine..")
            .should().dependOnClassesThat(resideInAPackage("lab.handshake..").and(resideOutsideOfPackage("lab.handshake.engine..")))
            .because("everything else is built on the engine, never the other way round");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("lab.handshake.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sharedPiecesUseNoFeature = noClasses()
            .that().resideInAnyPackage("lab.handshake.api..", "lab.handshake.web..", "lab.handshake.formats..",
                    "lab.handshake.config..", "lab.handshake.secrets..", "lab.handshake.files..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .because("problem mapping, languages, the pages' frame, trace formats, settings, the secrets key and the content files reader serve every feature and know none");

    @ArchTest
    static final ArchRule servicesAnswerInDomainWords = noClasses().that().haveSimpleNameEndingWith("Service")
            .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
            .because("services return results or throw a Refusal; ProblemMapper alone decides the HTTP answer");
}
