package lab.handshake.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lab.handshake.api.JsonConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at {@code /q/openapi} is one a standard validator accepts (swagger-parser, the parser
 * behind swagger-cli and Swagger Editor, reports nothing), and beyond what it checks: every reference resolves, every security requirement names a defined scheme,
 * every operation lists its refusals as problem documents and its real success status, and the fields the
 * server writes as null say so.
 */
@QuarkusTest
class OpenApiDocumentTest {
    private JsonNode document;

    @BeforeEach
    void fetch() throws Exception {
        document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void swaggerParserFindsNothingWrongInTheDocument() {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, options);
        assertTrue(parsed.getOpenAPI() != null, "parsed: " + parsed.getMessages());
        assertEquals(List.of(), parsed.getMessages(), "the validator's messages");
        assertTrue(parsed.getOpenAPI().getOpenapi().startsWith("3.1"), parsed.getOpenAPI().getOpenapi());
        // It does find what is wrong: the same document with an undefined security scheme and a dangling reference.
        String broken = json.replace("\"teacherLogin\" : [", "\"nobodyKnowsThis\" : [")
                .replace("#/components/schemas/Problem\"", "#/components/schemas/NoSuchSchema\"");
        assertTrue(!new OpenAPIV3Parser().readContents(broken, null, options).getMessages().isEmpty(), "a broken document is reported");
    }

    @Test
    void aFaultsActionAndASegmentsFate_listTheirWireNames_aRoutersCeMarkAmongThem() {
        JsonNode schemas = document.at("/components/schemas");
        assertEquals(List.of("drop", "duplicate", "delay", "hold", "reject", "mark-ce"),
                new ObjectMapper().convertValue(schemas.at("/FaultSpec/properties/action/enum"), List.class));
        assertTrue(new ObjectMapper().convertValue(schemas.at("/SegmentFate/enum"), List.class).contains("ce-marked"),
                schemas.at("/SegmentFate").toString());
    }

    @Test
    void aFaultsMatch_namesItsWindowOfTime_afterMsAndBeforeMs() {
        JsonNode match = document.at("/components/schemas/FaultMatch/properties");
        assertTrue(match.has("afterMs") && match.has("beforeMs"), match.toString());
        assertEquals("integer", match.at("/beforeMs/type").asText(), match.at("/beforeMs").toString());
    }

    @Test
    void refusalsThatPassWithTimeAreDeclaredWithRetryAfterWhereTheServerGivesThem() {
        for (String limited : OpenApiDocument.LIMITED) {
            JsonNode refusal = operation(limited).at("/responses/429");
            assertEquals("#/components/schemas/Problem", refusal.at("/content/application~1problem+json/schema/$ref").asText(), limited);
            assertEquals("integer", refusal.at("/headers/Retry-After/schema/type").asText(), limited + " says when to retry");
        }
        for (String simulating : List.of("POST /api/traces", "GET /api/scenarios/{id}/trace", "GET /api/scenarios/{id}/ladder", "POST /api/sessions/{id}/actions",
                "POST /api/captures", "POST /api/quizzes/{id}/attempts", "POST /api/teacher/content/preview")) {
            assertTrue(operation(simulating).at("/responses/503/headers/Retry-After").isObject(), simulating);
        }
        assertTrue(operation("GET /api/scenarios").at("/responses/503").isMissingNode(), "the catalogue runs no simulation");
        assertTrue(operation("GET /api/scenarios").at("/responses/429").isMissingNode(), "and counts against no allowance");
    }

    @Test
    void everyChangeAndEveryTeachersOperationDeclaresItsRefusal403() {
        for (Map.Entry<String, JsonNode> operation : operations()) {
            boolean secured = operation.getValue().path("security").size() > 0;
            if (!operation.getKey().startsWith("GET ") || secured) {
                assertTrue(operation.getValue().at("/responses/403").isObject(), operation.getKey());
            }
        }
        assertTrue(operation("GET /api/scenarios").at("/responses/403").isMissingNode());
    }

    private List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                method -> operations.add(Map.entry(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue()))));
        return operations;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    @Test
    void everyReferenceResolves() {
        Set<String> refs = new TreeSet<>();
        collectRefs(document, refs);
        assertTrue(refs.contains("#/components/schemas/Problem"), refs.toString());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertTrue(!document.at(ref.substring(1)).isMissingNode(), "unresolved " + ref);
        }
    }

    @Test
    void everySecurityRequirementNamesADefinedSchemeAndPublicOperationsSaySo() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertEquals("apiKey", schemes.path("teacherLogin").path("type").asText(), schemes.toString());
        assertEquals("cookie", schemes.path("teacherLogin").path("in").asText());
        assertEquals("hl_teacher", schemes.path("teacherLogin").path("name").asText());
        for (Map.Entry<String, JsonNode> operation : operations()) {
            JsonNode security = operation.getValue().get("security");
            assertTrue(security != null && security.isArray(), operation.getKey() + " declares its security (or none)");
            security.forEach(requirement -> requirement.fieldNames().forEachRemaining(
                    scheme -> assertTrue(schemes.has(scheme), operation.getKey() + " names undefined scheme " + scheme)));
        }
        assertTrue(operation("GET /api/teacher/classes").get("security").toString().contains("teacherLogin"));
        assertEquals(0, operation("GET /api/scenarios").get("security").size());
    }

    @Test
    void everyOperationListsItsRefusalsAsProblemDocuments() {
        for (Map.Entry<String, JsonNode> operation : operations()) {
            JsonNode responses = operation.getValue().get("responses");
            assertTrue(responses.has("default"), operation.getKey());
            responses.properties().forEach(response -> {
                if (!response.getKey().startsWith("2")) {
                    assertEquals("#/components/schemas/Problem", response.getValue().at("/content/application~1problem+json/schema/$ref").asText(),
                            operation.getKey() + " " + response.getKey());
                }
            });
            if (operation.getKey().contains("{")) {
                assertTrue(responses.has("404"), operation.getKey());
            }
            if (operation.getValue().has("requestBody")) {
                assertTrue(responses.has("400") && responses.has("413"), operation.getKey());
            }
        }
    }

    private JsonNode operation(String name) {
        return operations().stream().filter(operation -> operation.getKey().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + name)).getValue();
    }

    @Test
    void creatingASessionOrADraftIsDocumentedAs201LikeTheServerAnswers() {
        for (String created : List.of("POST /api/sessions", "POST /api/teacher/content")) {
            JsonNode responses = operation(created).get("responses");
            assertTrue(responses.has("201") && !responses.has("200"), created + ": " + responses.fieldNames().next());
            assertTrue(responses.at("/201/content/application~1json/schema/$ref").asText().startsWith("#/components/schemas/"), created);
        }
        given().contentType("application/json").body(Map.of("scenario", "three-way-handshake")).post("/api/sessions")
                .then().statusCode(201);
    }

    @Test
    void fieldsTheServerWritesAsNullAreNullable() {
        JsonNode segment = document.at("/components/schemas/TraceSegment/properties");
        assertEquals("[\"integer\",\"null\"]", segment.at("/ack/type").toString(), segment.toString());
        assertEquals("\"integer\"", segment.at("/seq/type").toString(), "a primitive is never null");
        assertTrue(document.at("/components/schemas/TraceStep/properties/segmentId/type").toString().contains("null"));
        // The specification types omit unset fields instead of writing null.
        assertEquals("\"integer\"", document.at("/components/schemas/ScenarioParams/properties/clientIsn/type").toString());
    }

    @Test
    void everyRecordTheApiWritesIsKnownToTheDocumentFilter() {
        Map<String, Class<?>> known = OpenApiDocument.records();
        Set<String> specTypes = new TreeSet<>();
        JsonConfiguration.OMITS_NULLS.forEach(type -> specTypes.add(type.getSimpleName()));
        document.at("/components/schemas").properties().forEach(schema -> {
            if (schema.getValue().has("properties") && !schema.getKey().equals(OpenApiDocument.PROBLEM)) {
                assertTrue(known.containsKey(schema.getKey()) || specTypes.contains(schema.getKey()),
                        schema.getKey() + " is in no class OpenApiDocument.MODEL lists, so its nullable fields are not marked");
            }
        });
    }
}
