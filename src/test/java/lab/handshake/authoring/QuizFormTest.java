package lab.handshake.authoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;
import lab.handshake.teacher.TeacherLogin;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The quiz form shows a quiz bank field by field and, submitted as a browser submits it, saves the same quiz. */
@QuarkusTest
class QuizFormTest {
    private Authoring teacher;

    @BeforeEach
    void signIn() {
        teacher = Authoring.asAdmin();
    }

    @ParameterizedTest
    @ValueSource(strings = {"why-three-steps", "why-four-steps", "time-wait-2msl", "syn-flood", "sequence-numbers", "which-state-when"})
    void everyBuiltInQuizSurvivesTheFormUnchanged(String quiz) throws IOException {
        Response created = teacher.create("quiz", quiz, null, null);
        long item = created.jsonPath().getLong("item.id");
        QuizModel.Quiz original = QuizCatalogue.read(created.jsonPath().getString("draft"));

        Response saved = submit(item, formPage(item), "save");
        saved.then().statusCode(303).header("Location", endsWith("/form?done=saved"));

        Response after = teacher.request().get("/api/teacher/content/" + item);
        assertEquals(List.of(), after.jsonPath().getList("problems"), after.jsonPath().getString("draft"));
        QuizModel.Quiz reread = QuizCatalogue.read(after.jsonPath().getString("draft"));
        QuizModel.Quiz expected = inStateOrder(QuizForm.forEditing(original));
        QuizModel.Quiz actual = QuizForm.forEditing(reread);
        assertEquals(expected.questions().size(), actual.questions().size());
        for (int i = 0; i < expected.questions().size(); i++) {
            assertEquals(expected.questions().get(i), actual.questions().get(i), "question " + expected.questions().get(i).id());
        }
        assertEquals(expected, actual);
    }

    @Test
    void aTeacherAddsAQuestionOfEveryKind_fillsOneIn_andRemovesAnother() throws IOException {
        Response created = teacher.create("quiz", "form-built", null, null);
        long item = created.jsonPath().getLong("item.id");
        Document page = formPage(item);
        for (String kind : List.of("multiple", "ordering", "numeric", "next-state")) {
            List<String[]> fields = fields(page);
            fields.add(new String[] {"newKind", kind});
            page = Jsoup.parse(post(item, fields, "add").then().statusCode(200).extract().asString());
        }
        assertEquals(5, page.select("fieldset.question-editor").size());

        List<String[]> fields = fields(page);
        set(fields, "q.1.prompt.en", "Which segments occupy a sequence number?");
        set(fields, "q.1.prompt.zh", "哪些报文段占用序号？");
        set(fields, "q.1.o.0.id", "syn");
        set(fields, "q.1.o.0.text.en", "SYN");
        set(fields, "q.1.o.0.text.zh", "SYN");
        set(fields, "q.1.o.0.why.en", "It occupies the ISN.");
        set(fields, "q.1.o.0.why.zh", "它占用初始序号。");
        fields.add(new String[] {"q.1.o.0.correct", "true"});
        fields.add(new String[] {"q.2.remove", "true"});
        post(item, fields, "save").then().statusCode(303);

        QuizModel.Quiz saved = QuizCatalogue.read(teacher.request().get("/api/teacher/content/" + item).jsonPath().getString("draft"));
        assertEquals(List.of("single", "multiple", "numeric", "next-state"), saved.questions().stream().map(QuizModel.Question::kind).toList());
        QuizModel.Option option = saved.questions().get(1).options().get(0);
        assertEquals(Map.of("en", "SYN", "zh", "SYN"), option.text());
        assertTrue(option.correct());
        assertEquals("form-built", saved.id(), "the id comes from the item, not from the form");
    }

    @Test
    void aSaveFromAFormOpenedBeforeAColleaguesSave_isRefusedAndKeepsTheTeachersWords() {
        Response created = teacher.create("quiz", "form-conflict", null, null);
        long item = created.jsonPath().getLong("item.id");
        Document stale = formPage(item);
        teacher.save(item, created.jsonPath().getString("draft").replace("A new quiz", "Colleague's title"), created.jsonPath().getLong("item.version"))
                .then().statusCode(200);
        List<String[]> fields = fields(stale);
        set(fields, "title.en", "My title");
        post(item, fields, "save").then().statusCode(409).body(containsString("after you opened it")).body(containsString("value=\"My title\""));
        teacher.request().get("/api/teacher/content/" + item).then().body("draft", containsString("Colleague's title"));
    }

    /** The form offers the states as boxes in state-machine order, so that is the order the choices come back in. */
    private static QuizModel.Quiz inStateOrder(QuizModel.Quiz quiz) {
        return new QuizModel.Quiz(quiz.id(), quiz.title(), quiz.topic(), quiz.lesson(), quiz.questions().stream()
                .map(q -> new QuizModel.Question(q.id(), q.kind(), q.prompt(), q.scenario(), q.options(), q.items(), q.order(), q.generate(),
                        q.choices().stream().sorted(java.util.Comparator.comparing(lab.handshake.engine.TcpState::valueOf)).toList(), q.why(), q.mistakes()))
                .toList());
    }

    private Document formPage(long item) {
        return Jsoup.parse(given().cookie(TeacherLogin.COOKIE, teacher.cookie()).get("/teacher/content/" + item + "/form")
                .then().statusCode(200).extract().asString());
    }

    private Response submit(long item, Document page, String action) {
        return post(item, fields(page), action);
    }

    /** Posts the fields as a browser would, with the CSRF cookie that came with the form. */
    private Response post(long item, List<String[]> fields, String action) {
        var request = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8");
        Response csrf = given().cookie(TeacherLogin.COOKIE, teacher.cookie()).get("/teacher/content/" + item + "/form");
        String token = Jsoup.parse(csrf.asString()).selectFirst("input[name=csrf-token]").val();
        request.cookies(csrf.getCookies());
        for (String[] field : fields) {
            request.formParam(field[0], field[0].equals("csrf-token") ? token : field[1]);
        }
        return request.formParam("action", action).post("/teacher/content/" + item + "/form");
    }

    /** The name/value pairs a browser submits for the form: ticked boxes, chosen options, every text. */
    private static List<String[]> fields(Document page) {
        List<String[]> fields = new ArrayList<>();
        for (Element field : page.select("form.quiz-form-editor input, form.quiz-form-editor textarea, form.quiz-form-editor select")) {
            String name = field.attr("name");
            if (name.isEmpty() || name.equals("newKind")) {
                continue;
            }
            switch (field.tagName()) {
                case "textarea" -> fields.add(new String[] {name, field.val()});
                case "select" -> {
                    Element chosen = field.selectFirst("option[selected]");
                    fields.add(new String[] {name, chosen == null ? field.selectFirst("option").val() : chosen.val()});
                }
                default -> {
                    if (!field.attr("type").equals("checkbox") || field.hasAttr("checked")) {
                        fields.add(new String[] {name, field.val()});
                    }
                }
            }
        }
        return fields;
    }

    private static void set(List<String[]> fields, String name, String value) {
        fields.stream().filter(field -> field[0].equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name))[1] = value;
    }
}
