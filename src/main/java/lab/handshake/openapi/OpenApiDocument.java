package lab.handshake.openapi;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.handshake.activity.ActivityRecords;
import lab.handshake.assignments.AssignmentRequest;
import lab.handshake.assignments.AssignmentService;
import lab.handshake.api.JsonConfiguration;
import lab.handshake.api.Problem;
import java.util.Set;
import lab.handshake.authoring.ContentArchive;
import lab.handshake.authoring.ContentViews;
import lab.handshake.capture.CaptureExplanation;
import lab.handshake.capture.CapturedConnection;
import lab.handshake.capture.SegmentOffload;
import lab.handshake.classes.ClassService;
import lab.handshake.classes.LearnerClassResource;
import lab.handshake.engine.run.Sandbox;
import lab.handshake.engine.trace.SackBlock;
import lab.handshake.engine.trace.Trace;
import lab.handshake.engine.trace.TraceEndpoint;
import lab.handshake.engine.trace.TraceOption;
import lab.handshake.engine.trace.TraceSegment;
import lab.handshake.engine.trace.TraceStep;
import lab.handshake.engine.trace.TraceTimer;
import lab.handshake.formats.LadderLayout;
import lab.handshake.lti.PlatformRegistration;
import lab.handshake.lti.PlatformResource;
import lab.handshake.lti.CourseRosters;
import lab.handshake.lti.PlatformView;
import lab.handshake.predict.PredictApi;
import lab.handshake.predict.PredictionService;
import lab.handshake.quiz.QuestionGenerator;
import lab.handshake.quiz.QuizLaunches;
import lab.handshake.quiz.QuizResource;
import lab.handshake.quiz.QuizService;
import lab.handshake.quiz.ReviewService;
import lab.handshake.recovery.RecoveryResource;
import lab.handshake.scenario.ScenarioSummary;
import lab.handshake.scenario.TraceResource;
import lab.handshake.session.SessionResource;
import lab.handshake.session.SessionService;
import lab.handshake.session.TraceChange;
import lab.handshake.teacher.ClassResults;
import lab.handshake.teacher.TeacherAccountResource;
import lab.handshake.teacher.TeacherAccounts;
import lab.handshake.teacher.TeacherResource;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What the generated OpenAPI document cannot know from the code alone, added in one place: the problem
 * document every refusal carries and the refusals of each operation, the server, and which fields of the
 * answers can be {@code null} (Jackson writes a record's unset reference-typed components as null, except
 * for the specification types that omit them, see {@link JsonConfiguration}). It runs when the application is
 * built, not at every start: the document depends on the code only. The teachers' login cookie is declared by
 * the {@code quarkus.smallrye-openapi} security settings.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiDocument implements OASFilter {
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    /** The records the API reads and writes: the classes themselves and the classes that hold them. */
    private static final List<Class<?>> MODEL = List.of(Trace.class, TraceEndpoint.class, TraceSegment.class, TraceOption.class, SackBlock.class, TraceStep.class,
            TraceTimer.class, Sandbox.class, SessionResource.class, SessionService.class, QuizService.class, QuizLaunches.class, QuizResource.class, ReviewService.class, QuestionGenerator.class, ContentViews.class,
            ContentArchive.class, ClassResults.class, ScenarioSummary.class, TeacherAccounts.class, TeacherAccountResource.class,
            TeacherResource.class, ClassService.class, LearnerClassResource.class, TraceChange.class,
            PlatformRegistration.class, PlatformView.class, PlatformResource.class, CourseRosters.class,
            PredictApi.class, PredictionService.class, AssignmentService.class, AssignmentRequest.class,
            CaptureExplanation.class, CapturedConnection.class, SegmentOffload.class, RecoveryResource.class, ActivityRecords.class,
            LadderLayout.class, TraceResource.class);

    /** Operations that count against a per-client allowance ({@code limits.ClientLimit}): 429 with Retry-After. */
    static final Set<String> LIMITED = Set.of("POST /api/traces", "GET /api/scenarios/{id}/trace", "GET /api/scenarios/{id}/ladder", "POST /api/sessions",
            "POST /api/sessions/{id}/copy", "GET /api/quizzes/{id}", "POST /api/quizzes/{id}/attempts", "POST /api/captures",
            "POST /api/captures/explained", "POST /api/learners/me/classes", "POST /api/predictions/{scenario}",
            "POST /api/learners/me/recovery-code", "POST /api/learners/me/recovery");

    /**
     * Operations that may run a simulation, which passes {@code limits.SimulationGate}: 503 with Retry-After when
     * every place is taken. Every operation under these paths, whatever its method.
     */
    static final List<String> SIMULATING = List.of("/api/traces", "/api/scenarios/{id}/trace", "/api/scenarios/{id}/ladder", "/api/sessions",
            "/api/captures", "/api/quizzes/{id}", "/api/teacher/content", "/api/predictions/{scenario}");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.setServers(List.of(OASFactory.createServer().url("/").description("this server")));
        Components components = openAPI.getComponents();
        components.addSchema(PROBLEM, problemSchema());
        Map<String, Class<?>> records = records();
        components.getSchemas().forEach((name, schema) -> {
            Class<?> type = records.get(name);
            if (type != null) {
                markNullable(schema, type);
            }
        });
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach(
                (method, operation) -> describeRefusals(path, method, operation)));
    }

    /** The schema names the filter knows the Java record of (for the test that every answer type is covered). */
    static Map<String, Class<?>> records() {
        Map<String, Class<?>> records = new HashMap<>();
        for (Class<?> type : MODEL) {
            List<Class<?>> candidates = new ArrayList<>(List.of(type.getDeclaredClasses()));
            candidates.add(type);
            candidates.stream().filter(Class::isRecord).forEach(record -> records.put(record.getSimpleName(), record));
        }
        return records;
    }

    /** Every reference-typed component of the record may be written as null; primitives never are. */
    private static void markNullable(Schema schema, Class<?> record) {
        if (schema.getProperties() == null || JsonConfiguration.OMITS_NULLS.contains(record)) {
            return;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            Schema property = schema.getProperties().get(component.getName());
            if (property == null || component.getType().isPrimitive()) {
                continue;
            }
            if (property.getRef() != null) {
                Schema referenced = OASFactory.createSchema().ref(property.getRef());
                schema.addProperty(component.getName(), OASFactory.createSchema()
                        .anyOf(List.of(referenced, OASFactory.createSchema().addType(Schema.SchemaType.NULL))));
            } else if (property.getType() != null && !property.getType().contains(Schema.SchemaType.NULL)) {
                property.addType(Schema.SchemaType.NULL);
            }
        }
    }

    /** The refusals an operation can answer with, each an application/problem+json document. */
    private static void describeRefusals(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (hasBody || hasParameters) {
            refusal(responses, "400", "A parameter or the body is wrong; the problem names it.");
        }
        if (path.contains("{")) {
            refusal(responses, "404", "Nothing has this id.");
        }
        if (hasBody) {
            refusal(responses, "413", "The body is over the size limit, or the simulation it asks for exceeds a bound.");
        }
        boolean changes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        if (changes || operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            refusal(responses, "403", changes
                    ? "Not allowed: this login may not do it, or the request came from another site or without its form token."
                    : "Not allowed for this login.");
        }
        if (LIMITED.contains(method + " " + path)) {
            retryLater(responses, "429", "This client asked for this too often; Retry-After says in how many seconds to try again.");
        }
        if (SIMULATING.stream().anyMatch(path::startsWith)) {
            retryLater(responses, "503", "Too many simulations are running on this server; Retry-After says when to try again.");
        }
        refusal(responses, "default", "Any other refusal (401, 405, 406, 409, 415, 422 …), as a problem document.");
        // Every refusal the framework documented on its own (401, 403, …) carries the same document.
        responses.getAPIResponses().forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && response.getContent() == null) {
                response.setContent(problemContent());
            }
        });
        if (operation.getSecurity() == null) {
            operation.setSecurity(List.of()); // public: says so, rather than leaving it unsaid
        }
    }

    private static void refusal(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problemContent()));
        }
    }

    private static void retryLater(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            Header retryAfter = OASFactory.createHeader().description("Whole seconds to wait before trying again").required(true)
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE));
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problemContent())
                    .addHeader("Retry-After", retryAfter));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    /** RFC 9457, as {@link Problem} writes it. */
    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("message", text).required(List.of("field", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("A refusal (RFC 9457): what was wrong with the request, never the server's insides.")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri-reference")
                        .description("/problems/<kind>, or about:blank for a plain HTTP refusal"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What is wrong, in words a client can show"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("The fields at fault, by JSON path or parameter name"))
                .required(List.of("type", "title", "status", "detail"));
    }
}
