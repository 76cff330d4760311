package lab.handshake.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import lab.handshake.api.ReadingProblem.Shape;
import lab.handshake.engine.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A value a reader could not map is named by its path and its shapes, in the reader's language, never by Jackson's
 * words (which name Java classes: {@code java.util.LinkedHashMap}, a record's binary name).
 */
@QuarkusTest
class ReadingProblemTest {
    enum Kind { SINGLE, MULTIPLE }

    record Option(String id, boolean correct) {
    }

    record Question(String id, Kind kind, List<Option> options, Integer points, Double weight) {
    }

    record Bank(Map<String, String> title, List<Question> questions, Port port) {
    }

    record Port(int number) {
        Port {
            if (number > 65535) {
                throw new IllegalArgumentException("lab.handshake.Port: no such port");
            }
        }
    }

    private static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private static ReadingProblem problemReading(String yaml) {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> YAML.readValue(yaml, Bank.class));
        return ReadingProblem.of(e).orElseThrow(() -> new AssertionError("not a reading problem: " + e));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "title: T                                     | title                  | OBJECT       | TEXT   |",
        "title: [a, b]                                | title                  | OBJECT       | LIST   |",
        "questions: x                                 | questions              | LIST         | TEXT   |",
        "questions: [{id: q, options: 5}]             | questions[0].options   | LIST         | WHOLE_NUMBER |",
        "questions: [{id: q, points: many}]           | questions[0].points    | WHOLE_NUMBER | TEXT   | many",
        "questions: [{id: q, weight: [1]}]            | questions[0].weight    | NUMBER       | LIST   |",
        "questions: [{id: q, kind: bogus}]            | questions[0].kind      | WORD         | TEXT   | bogus",
        "questions: [{id: q, options: [{correct: {}}]}] | questions[0].options[0].correct | TRUE_OR_FALSE | OBJECT |",
    })
    void aValueOfTheWrongShapeIsNamedByItsPathAndBothShapes(String yaml, String field, Shape expected, Shape found, String value) {
        assertEquals(new ReadingProblem.WrongShape(field, expected, found, value), problemReading(yaml));
    }

    @Test
    void anUnknownPropertyIsPlacedAtTheObjectHoldingIt() {
        ReadingProblem top = problemReading("answer: 4");
        assertEquals(new ReadingProblem.UnknownProperty("answer", "", "answer", List.of("port", "questions", "title")), top);
        ReadingProblem inner = problemReading("questions: [{id: q, answer: 4}]");
        assertEquals("questions[0]", ((ReadingProblem.UnknownProperty) inner).at());
    }

    @Test
    void theWordsNameTheShapesInTheReadersLanguageAndNoJavaClass() {
        ReadingProblem problem = problemReading("title: T");
        assertEquals("'title' must be an object (named fields), not text.", problem.in(Language.EN));
        assertEquals("“title”应为对象（带名字的字段），而不是文字。", problem.in(Language.ZH));
        String quoted = problemReading("questions: [{id: q, points: many}]").in(Language.ZH);
        assertEquals("“questions[0].points”应为整数，而不是“many”。", quoted);
        String atTop = new ReadingProblem.WrongShape("", Shape.OBJECT, Shape.LIST, null).in(Language.EN);
        assertEquals("The top level must be an object (named fields), not a list.", atTop);
        assertFalse(problemReading("questions: x").in(Language.EN).contains("java"));
    }

    @Test
    void aNumberTooLargeForItsFieldIsOutOfRange() throws Exception {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> new ObjectMapper().readValue("{\"questions\": [{\"id\": \"q\", \"points\": 1e999}]}", Bank.class));
        assertEquals(new ReadingProblem.OutOfRange("questions[0].points", Shape.WHOLE_NUMBER), ReadingProblem.of(e).orElseThrow());
        assertEquals("“questions[0].points”超出了整数的范围。", ReadingProblem.of(e).orElseThrow().in(Language.ZH));
    }

    @Test
    void aValueItsTypeRefusesIsNamedWithoutTheTypesWords() {
        ReadingProblem problem = problemReading("port: {number: 70000}");
        assertEquals(new ReadingProblem.Unmappable("port"), problem);
        assertEquals("The value of 'port' has the wrong type or form.", problem.in(Language.EN));
    }

    @Test
    void aLongWrittenValueIsCutWhenQuoted() {
        String written = "x".repeat(500);
        ReadingProblem.WrongShape problem = new ReadingProblem.WrongShape("points", Shape.WHOLE_NUMBER, Shape.TEXT, written);
        assertEquals(41, problem.value().length());
    }
}
