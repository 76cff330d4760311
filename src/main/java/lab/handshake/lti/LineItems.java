package lab.handshake.lti;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import lab.handshake.quiz.QuizCatalogue;
import lab.handshake.quiz.QuizModel;

/**
 * The line item of a graded quiz whose launch named none, only the course's line items service (AGS 2.0 §3.2): the
 * tool creates it once per resource link, with the {@code lineitem} scope, and keeps its URL for every later score.
 * The replica that creates it first claims the link's row (unique per platform and resource link), so two replicas
 * sending the first scores of a link at once create one line item: the other finds the claim and tries its score
 * again later. A claim whose replica died runs out after {@link PlatformServices#claimTime()}; only then may a second line
 * item be made (if the first was created just before the crash).
 */
@ApplicationScoped
public class LineItems {
    static final String LINE_ITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
    /** Labels in the LMS's gradebook are in one language; the quiz's English title is its canonical one. */
    private static final String LABEL_LANGUAGE = "en";

    /** The line item to create (AGS 2.0 §3.2.2). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineItemMessage(double scoreMaximum, String label, String resourceLinkId, String resourceId) {
    }

    /** The platform will not let the tool create the line item (it refused the scope or the request): trying again cannot help. */
    static final class Refused extends Exception {
        Refused(String why) {
            super(why);
        }
    }

    private final PlatformServices services;
    private final QuizCatalogue quizzes;

    public LineItems(PlatformServices services, QuizCatalogue quizzes) {
        this.services = services;
        this.quizzes = quizzes;
    }

    /** The resource link's line item: the one created before, or a new one. */
    String lineItemFor(LtiPlatform platform, String lineItemsUrl, String resourceLinkId, String quizId, double scoreMaximum)
            throws PlatformServices.CallFailed, Refused {
        LtiLineItem known = QuarkusTransaction.requiringNew().call(() -> LtiLineItem.of(platform.id, resourceLinkId));
        if (known != null && known.lineItem != null) {
            return known.lineItem;
        }
        if (!claim(platform.id, resourceLinkId, known)) {
            throw new PlatformServices.CallFailed(0, "another replica is creating this resource link's line item");
        }
        String token;
        try {
            token = services.accessToken(platform, LtiScope.LINE_ITEM);
        } catch (PlatformServices.CallFailed e) {
            if (e.status >= 400 && e.status < 500) {
                throw new Refused("the platform refused the line item scope (" + e.getMessage() + ")");
            }
            throw e;
        }
        String label = quizzes.find(quizId).map(q -> QuizModel.text(q.title(), LABEL_LANGUAGE)).orElse(quizId);
        PlatformServices.Answer answer = services.send(HttpRequest.newBuilder(URI.create(lineItemsUrl))
                .header("Authorization", "Bearer " + token).header("Content-Type", LINE_ITEM_TYPE).header("Accept", LINE_ITEM_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(services.write(new LineItemMessage(scoreMaximum, label, resourceLinkId, quizId)))));
        if (answer.status() == 401) {
            services.forgetToken(platform, LtiScope.LINE_ITEM);
        }
        if (answer.status() == 403) {
            throw new Refused("the line items service answered 403: the tool may not create line items in this course");
        }
        if (!answer.accepted()) {
            throw new PlatformServices.CallFailed(answer.status(), "line items service answered " + answer.status());
        }
        String created = services.readJson(answer).path("id").asText("");
        if (created.length() > LaunchValidator.MAX_URL_LENGTH || !created.matches(PlatformRegistration.HTTPS_URL)) {
            throw new PlatformServices.CallFailed(answer.status(), "the created line item has no usable id URL");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            LtiLineItem row = LtiLineItem.of(platform.id, resourceLinkId);
            row.lineItem = created;
            row.createdAt = Instant.now();
            row.claimedUntil = null;
        });
        return created;
    }

    /**
     * Claims the creation of the link's line item for this replica: a new row, or an unfinished one whose claim ran
     * out. False when another replica holds it (its row, or the unique constraint when both insert at once).
     */
    private boolean claim(long platformId, String resourceLinkId, LtiLineItem unfinished) {
        Instant now = Instant.now();
        Instant until = now.plus(services.claimTime());
        if (unfinished != null) {
            return QuarkusTransaction.requiringNew().call(() -> LtiLineItem.reclaim(unfinished.id, now, until));
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                LtiLineItem row = new LtiLineItem();
                row.platformId = platformId;
                row.resourceLinkId = resourceLinkId;
                row.createdAt = now;
                row.claimedUntil = until;
                row.persistAndFlush();
            });
            return true;
        } catch (RuntimeException e) {
            // Another replica inserted the row first (the unique constraint): it holds the claim.
            if (QuarkusTransaction.requiringNew().call(() -> LtiLineItem.of(platformId, resourceLinkId)) != null) {
                return false;
            }
            throw e;
        }
    }

    /** The line item already created for this resource link, or null. */
    static String known(long platformId, String resourceLinkId) {
        LtiLineItem row = resourceLinkId == null ? null : LtiLineItem.of(platformId, resourceLinkId);
        return row == null ? null : row.lineItem;
    }
}
