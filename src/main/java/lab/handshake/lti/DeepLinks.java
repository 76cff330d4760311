package lab.handshake.lti;

import com.nimbusds.jwt.JWTClaimsSet;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lab.handshake.engine.Language;
import lab.handshake.lesson.LessonCatalogue;
import lab.handshake.quiz.QuizCatalogue;

/**
 * Deep Linking 2.0: an instructor's request waits on the server (keyed by a random id in the picker's form, as
 * no cookie reaches the LMS's iframe), they pick a quiz or a lesson, and the tool answers with an
 * {@code LtiDeepLinkingResponse} signed with its current key, echoing the request's {@code data}.
 */
@ApplicationScoped
public class DeepLinks {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final Duration RESPONSE_LIFETIME = Duration.ofMinutes(5);
    static final String DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/";
    private static final int MAX_ID_LENGTH = 64;

    /** What an instructor can add, by kind and id. */
    public enum Kind {
        QUIZ("/quizzes/"), LESSON("/lessons/");

        final String path;

        Kind(String path) {
            this.path = path;
        }
    }

    /** One item of the picker. */
    public record Choice(Kind kind, String id, String title) {
        public String key() {
            return kind.name().toLowerCase() + ":" + id;
        }
    }

    /** The signed answer and where the browser posts it. */
    public record Answer(String returnUrl, String jwt, LtiPlatform platform) {
    }

    private final QuizCatalogue quizzes;
    private final LessonCatalogue lessons;
    private final LoginStates random;
    private final ToolKeys keys;
    private final Platforms platforms;

    public DeepLinks(QuizCatalogue quizzes, LessonCatalogue lessons, LoginStates random, ToolKeys keys, Platforms platforms) {
        this.quizzes = quizzes;
        this.lessons = lessons;
        this.random = random;
        this.keys = keys;
        this.platforms = platforms;
    }

    /** Keeps the request and returns the id the picker's form carries. */
    public String begin(ValidatedLaunch launch) {
        String id = random.randomToken();
        QuarkusTransaction.requiringNew().run(() -> {
            LtiDeepLinkRequest request = new LtiDeepLinkRequest();
            request.requestHash = LaunchProvisioning.hash(id);
            request.platformId = launch.platform().id;
            request.deploymentId = launch.deploymentId();
            request.returnUrl = launch.deepLinking().returnUrl();
            request.data = launch.deepLinking().data();
            request.expiresAt = Instant.now().plus(LIFETIME);
            request.persist();
        });
        return id;
    }

    /** Every quiz and lesson, titled in the page's language. */
    public List<Choice> choices(Language language) {
        List<Choice> choices = new ArrayList<>();
        quizzes.all().forEach(quiz -> choices.add(new Choice(Kind.QUIZ, quiz.id(),
                quiz.title().getOrDefault(language.code(), quiz.title().getOrDefault("en", quiz.id())))));
        lessons.all(language).forEach(lesson -> choices.add(new Choice(Kind.LESSON, lesson.id(), lesson.title())));
        return choices;
    }

    /** Spends the request and signs the answer for the chosen item; refused for a spent or unknown request or item. */
    public Answer answer(String requestId, String itemKey, URI toolBase, Language language) {
        Choice choice = choices(language).stream().filter(candidate -> candidate.key().equals(itemKey)).findFirst()
                .orElseThrow(() -> new LaunchRefused(LaunchRefusal.UNKNOWN_DEEP_LINK, "no item " + itemKey));
        LtiDeepLinkRequest request = spend(requestId)
                .orElseThrow(() -> new LaunchRefused(LaunchRefusal.UNKNOWN_DEEP_LINK, "request unknown, spent or expired"));
        LtiPlatform platform = platforms.find(request.platformId)
                .orElseThrow(() -> new LaunchRefused(LaunchRefusal.UNKNOWN_PLATFORM, "platform removed"));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "ltiResourceLink");
        item.put("title", choice.title());
        item.put("url", toolBase.resolve(choice.kind().path + choice.id()).toString());
        if (choice.kind() == Kind.QUIZ) {
            // A graded item (LTI-DL 2.0 §3.4.2): the LMS makes a line item, and launches of it carry the AGS claim.
            quizzes.find(choice.id()).ifPresent(quiz -> item.put("lineItem", Map.of("scoreMaximum", quiz.questions().size(),
                    "label", choice.title(), "resourceId", choice.id())));
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(platform.clientId).audience(platform.issuer)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(RESPONSE_LIFETIME)))
                .claim("nonce", UUID.randomUUID().toString())
                .claim(LaunchValidator.CLAIM + "message_type", "LtiDeepLinkingResponse")
                .claim(LaunchValidator.CLAIM + "version", LaunchValidator.VERSION)
                .claim(LaunchValidator.CLAIM + "deployment_id", request.deploymentId)
                .claim(DL_CLAIM + "content_items", List.of(item));
        if (request.data != null) {
            claims.claim(DL_CLAIM + "data", request.data);
        }
        return new Answer(request.returnUrl, keys.sign(claims.build()), platform);
    }

    private static Optional<LtiDeepLinkRequest> spend(String requestId) {
        if (requestId == null || requestId.isEmpty() || requestId.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        String hash = LaunchProvisioning.hash(requestId);
        return QuarkusTransaction.requiringNew().call(() -> {
            LtiDeepLinkRequest request = LtiDeepLinkRequest.findById(hash);
            if (request == null || LtiDeepLinkRequest.delete("requestHash = ?1 and expiresAt > ?2", hash, Instant.now()) != 1) {
                return Optional.<LtiDeepLinkRequest>empty();
            }
            return Optional.of(request);
        });
    }
}
