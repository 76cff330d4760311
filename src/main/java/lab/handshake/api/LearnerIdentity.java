package lab.handshake.api;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The anonymous learner identity, kept in a cookie so a learner's attempts, classes, progress and sandbox
 * sessions stay theirs.
 */
public record LearnerIdentity(String id, boolean isNew) {
    public static final String COOKIE = "hl_learner";
    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int ONE_YEAR_SECONDS = 365 * 24 * 3600;

    /** The learner the cookie names, or a new one when there is no (well-formed) cookie. */
    public static LearnerIdentity of(String cookie) {
        if (known(cookie) != null) {
            return new LearnerIdentity(cookie, false);
        }
        return new LearnerIdentity(UUID.randomUUID().toString(), true);
    }

    /** A learner this browser becomes (restoring with a recovery code): the answer sets the cookie to them. */
    public static LearnerIdentity becoming(String id) {
        return new LearnerIdentity(id, true);
    }

    /** The learner the cookie names; null when there is no (well-formed) cookie, so nothing can be theirs. */
    public static String known(String cookie) {
        return cookie != null && UUID_FORM.matcher(cookie).matches() ? cookie : null;
    }

    /** Kept from scripts and cross-site requests; marked Secure on HTTPS by {@link lab.handshake.web.SecurityHeaders}. */
    public NewCookie cookie() {
        return new NewCookie.Builder(COOKIE).value(id).path("/").maxAge(ONE_YEAR_SECONDS).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    /** The response, with the cookie when this learner is new, so the next request is theirs too. */
    public Response rememberedIn(Response response) {
        return isNew ? Response.fromResponse(response).cookie(cookie()).build() : response;
    }
}
