package lab.handshake.lti;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.qute.i18n.Localized;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import lab.handshake.api.ClientKey;
import lab.handshake.api.LearnerIdentity;
import lab.handshake.api.Problem;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.Refusal;
import lab.handshake.api.RequestLanguage;
import lab.handshake.engine.Language;
import lab.handshake.limits.ClientLimit;
import lab.handshake.limits.ClientLimits;
import lab.handshake.teacher.TeacherSessionMechanism;
import lab.handshake.teacher.TeacherSessions;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.SecurityHeaders;
import org.jboss.logging.Logger;

/**
 * The browser's side of an LTI 1.3 launch (IMS Security Framework §5.1.1):
 * <ol>
 * <li>{@code /lti/login} (GET or POST): the platform's third-party login initiation; we keep a state and nonce on
 * the server and send the browser to the platform's authentication URL.</li>
 * <li>{@code POST /lti/launch}: the platform form-posts the {@code id_token}; {@link LaunchValidator} checks it,
 * {@link LaunchProvisioning} makes the user and the course's class, and the page (framed by the LMS) offers a link
 * with a one-time ticket.</li>
 * <li>{@code /lti/session?ticket=…}: opened in a window of its own, where this site's cookies are first-party, the
 * ticket becomes the learner cookie (and a teacher login for instructors).</li>
 * </ol>
 * No step depends on a cookie set before it, so launches work inside the LMS's iframe with third-party cookies
 * blocked. These are Vert.x routes, not Quarkus REST resources, because the platform's cross-site form posts
 * carry no CSRF token: the state and the signed id_token are what protect them.
 */
@ApplicationScoped
public class LtiRoutes {
    private static final Logger LOG = Logger.getLogger(LtiRoutes.class);
    static final String LOGIN_PATH = "/lti/login";
    static final String LAUNCH_PATH = "/lti/launch";
    static final String SESSION_PATH = "/lti/session";
    static final String DEEP_LINK_PATH = "/lti/deep-link";
    static final String REGISTER_PATH = "/lti/register";
    /** The ticket link's parameter naming the LMS's language: a default, where {@code lang} would be the reader's choice. */
    static final String LMS_LANGUAGE = "lms_lang";
    private static final int MAX_FORM_BYTES = 64 * 1024;
    private static final int MAX_LOGIN_PARAMETER = 4096;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refused(PageContext page, String reason, String code);

        static native TemplateInstance launched(PageContext page, String welcome, String membership, String sessionLink);

        static native TemplateInstance deepLink(PageContext page, String request, List<DeepLinks.Choice> choices);

        static native TemplateInstance deepLinkReturn(PageContext page, String returnUrl, String jwt);

        static native TemplateInstance registered(PageContext page, String issuer);
    }

    private final Platforms platforms;
    private final LoginStates states;
    private final LaunchValidator validator;
    private final LaunchProvisioning provisioning;
    private final TeacherSessions teacherSessions;
    private final DeepLinks deepLinks;
    private final CourseRosters rosters;
    private final DynamicRegistration registration;
    private final ClientLimits limits;
    private final ObjectMapper json;

    public LtiRoutes(Platforms platforms, LoginStates states, LaunchValidator validator, LaunchProvisioning provisioning,
                     TeacherSessions teacherSessions, DeepLinks deepLinks, CourseRosters rosters, DynamicRegistration registration,
                     ClientLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
        this.deepLinks = deepLinks;
        this.rosters = rosters;
        this.registration = registration;
        this.platforms = platforms;
        this.states = states;
        this.validator = validator;
        this.provisioning = provisioning;
        this.teacherSessions = teacherSessions;
    }

    void register(@Observes Router router) {
        router.get(LOGIN_PATH).blockingHandler(this::login, false);
        router.post(LOGIN_PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES)).blockingHandler(this::login, false);
        router.post(LAUNCH_PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES)).blockingHandler(this::launch, false);
        router.get(SESSION_PATH).blockingHandler(this::session, false);
        router.post(DEEP_LINK_PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES)).blockingHandler(this::deepLink, false);
        router.get(REGISTER_PATH).blockingHandler(this::register, false);
    }

    /** Third-party login initiation: parameters in the query (GET) or the form (POST). */
    private void login(RoutingContext context) {
        HttpServerRequest request = context.request();
        String issuer = parameter(request, "iss");
        String loginHint = parameter(request, "login_hint");
        String clientId = parameter(request, "client_id");
        String messageHint = parameter(request, "lti_message_hint");
        try {
            if (issuer == null || loginHint == null) {
                throw new LaunchRefused(LaunchRefusal.BAD_LOGIN_REQUEST, "iss or login_hint missing or longer than " + MAX_LOGIN_PARAMETER);
            }
            LtiPlatform platform = platforms.forLogin(issuer, clientId);
            LoginStates.Issued issued = states.begin(platform);
            Map<String, String> query = new LinkedHashMap<>();
            query.put("scope", "openid");
            query.put("response_type", "id_token");
            query.put("response_mode", "form_post");
            query.put("prompt", "none");
            query.put("client_id", platform.clientId);
            query.put("redirect_uri", URI.create(request.absoluteURI()).resolve(LAUNCH_PATH).toString());
            query.put("login_hint", loginHint);
            query.put("state", issued.state());
            query.put("nonce", issued.nonce());
            if (messageHint != null) {
                query.put("lti_message_hint", messageHint);
            }
            String encoded = query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            String location = platform.authLoginUrl + (platform.authLoginUrl.contains("?") ? "&" : "?") + encoded;
            context.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, location).end();
        } catch (LaunchRefused refused) {
            refuse(context, refused);
        }
    }

    private void launch(RoutingContext context) {
        String state = context.request().getFormAttribute("state");
        String idToken = context.request().getFormAttribute("id_token");
        try {
            ValidatedLaunch launch = validator.validate(state, idToken);
            LaunchProvisioning.Launched launched = provisioning.admit(launch);
            if (launch.role() == LtiRole.INSTRUCTOR && launch.contextId() != null && launch.membershipsUrl() != null) {
                rosters.fetchLater(launch.platform().id, launch.contextId());
            }
            LOG.infof("LTI launch: platform=%d subject=%s role=%s context=%s message=%s", launch.platform().id,
                    printable(launch.subject()), launch.role(), launch.contextId() == null ? "-" : printable(launch.contextId()),
                    launch.messageType());
            // The LMS's iframe hides a language chosen here (a cross-site post carries no Lax cookie), so the launch
            // page writes none: the ticket's window, first-party, decides what to remember (session).
            PageLanguage language = language(context, launch.language());
            LtiMessages words = words(language);
            SecurityHeaders.allowFramingBy(context, launch.platform().framingOrigins());
            if (launch.messageType() == LtiMessageType.DEEP_LINKING) {
                String page = Templates.deepLink(new PageContext(language.code(), LAUNCH_PATH, words.deep_link_title()),
                        deepLinks.begin(launch), deepLinks.choices(language.language())).setLocale(language.locale()).render();
                html(context, 200, page);
                return;
            }
            String membership = launched.className() == null ? null : launched.role() == LtiRole.INSTRUCTOR
                    ? words.launched_teacher(launched.className()) : words.launched_learner(launched.className());
            String page = Templates.launched(new PageContext(language.code(), LAUNCH_PATH, words.launched_title()),
                    launched.name() == null ? null : words.launched_welcome(launched.name()), membership,
                    sessionLink(launched.ticket(), launch.language())).setLocale(language.locale()).render();
            html(context, 200, page);
        } catch (LaunchRefused refused) {
            refuse(context, refused);
        }
    }

    /** The ticket's link; with the LMS's language, the default of the window it opens (null: the LMS named none of ours). */
    private static String sessionLink(String ticket, Language lms) {
        return SESSION_PATH + "?ticket=" + ticket + (lms == null ? "" : "&" + LMS_LANGUAGE + "=" + lms.code());
    }

    /** A language chosen with {@code ?lang=} is remembered as a page's choice is. */
    private static void remember(RoutingContext context, PageLanguage language) {
        if (language.chosenNow()) {
            context.response().headers().add(HttpHeaders.SET_COOKIE, language.rememberCookie().toString());
        }
    }

    /** The instructor's pick: the signed answer goes back to the LMS in a form the page submits at once. */
    private void deepLink(RoutingContext context) {
        PageLanguage language = language(context);
        try {
            DeepLinks.Answer answer = deepLinks.answer(context.request().getFormAttribute("request"),
                    context.request().getFormAttribute("item"), URI.create(context.request().absoluteURI()), language.language());
            String page = Templates.deepLinkReturn(new PageContext(language.code(), DEEP_LINK_PATH, words(language).deep_link_return_title()),
                    answer.returnUrl(), answer.jwt()).setLocale(language.locale()).render();
            SecurityHeaders.allowFramingBy(context, answer.platform().framingOrigins());
            SecurityHeaders.allowFormsTo(context, java.util.Set.of(LtiPlatform.origin(answer.returnUrl())));
            html(context, 200, page);
        } catch (LaunchRefused refused) {
            refuse(context, refused);
        }
    }

    /**
     * Dynamic Registration, opened by the LMS administrator from the LMS (a window or an iframe of it). Each try
     * makes the tool fetch the URL it names, so one client's tries are bounded ({@link ClientLimit#LTI_REGISTRATIONS}):
     * beyond them 429 with Retry-After, a page in the reader's language for a browser, problem+json for a program.
     */
    private void register(RoutingContext context) {
        PageLanguage language = language(context);
        try {
            limits.take(ClientLimit.LTI_REGISTRATIONS, ClientKey.of(context.request()));
        } catch (Refusal.Later later) {
            context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(later.retryAfterSeconds()));
            String accept = context.request().getHeader(HttpHeaders.ACCEPT);
            if (accept != null && !accept.contains("text/html") && accept.contains("json")) {
                Language readers = ProblemMapper.readersLanguage(context.request());
                context.response().setStatusCode(429).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(problem(new Problem("/problems/" + later.reason(), later.title(readers), 429, later.detail(readers), null)));
            } else {
                refuse(context, new LaunchRefused(LaunchRefusal.TOO_MANY_REGISTRATIONS, later.getMessage()));
            }
            return;
        }
        try {
            DynamicRegistration.Registered registered = registration.register(context.request().getParam("openid_configuration"),
                    context.request().getParam("registration_token"), URI.create(context.request().absoluteURI()).resolve("/"));
            LOG.infof("LTI platform registered itself: issuer=%s clientId=%s", printable(registered.platform().issuer()),
                    printable(registered.platform().clientId()));
            String page = Templates.registered(new PageContext(language.code(), REGISTER_PATH, words(language).registered_title()),
                    registered.platform().issuer()).setLocale(language.locale()).render();
            SecurityHeaders.allowFramingBy(context, java.util.Set.of(registered.issuerOrigin()));
            html(context, 200, page);
        } catch (LaunchRefused refused) {
            refuse(context, refused);
        }
    }

    private String problem(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a problem document is always JSON", e);
        }
    }

    private static LtiMessages words(PageLanguage language) {
        return MessageBundles.get(LtiMessages.class, Localized.Literal.of(language.locale().toLanguageTag()));
    }

    /** The ticket's link, opened in its own window: the learner cookie (and an instructor's teacher login) are set here. */
    private void session(RoutingContext context) {
        Optional<LaunchProvisioning.Admitted> admitted = provisioning.redeem(context.request().getParam("ticket"));
        if (admitted.isEmpty()) {
            refuse(context, new LaunchRefused(LaunchRefusal.UNKNOWN_TICKET, "ticket unknown, spent or expired"));
            return;
        }
        LaunchProvisioning.Admitted who = admitted.get();
        LearnerIdentity learner = new LearnerIdentity(who.learnerId(), true);
        context.response().putHeader(HttpHeaders.SET_COOKIE, learner.cookie().toString());
        rememberLanguage(context);
        String landing = who.targetPath() == null ? "/classes" : who.targetPath();
        if (who.teacherUsername() != null) {
            // A disabled account gets no teacher login; the user is still the learner.
            Optional<String> token = teacherSessions.openIfActive(who.teacherUsername());
            if (token.isPresent()) {
                context.response().addCookie(TeacherSessionMechanism.loginCookie(token.get(), context));
                if (who.targetPath() == null) {
                    landing = who.classJoinCode() == null ? "/teacher" : "/teacher/classes/" + who.classJoinCode();
                }
            }
        }
        context.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, landing).end();
    }

    private void refuse(RoutingContext context, LaunchRefused refused) {
        LOG.infof("LTI refused: %s", refused.getMessage());
        PageLanguage language = language(context);
        LtiMessages words = words(language);
        String page = Templates.refused(new PageContext(language.code(), context.normalizedPath(), words.refused_title()),
                refused.reason().text(words), refused.reason().code()).setLocale(language.locale()).render();
        // Refusals show inside the LMS's iframe too; they carry nothing worth framing for any other site.
        SecurityHeaders.allowFramingBy(context, platforms.framingOriginsOfAll());
        html(context, refused.reason().status(), page);
    }

    /**
     * In the ticket's window: a language chosen with {@code ?lang=} is remembered; else the LMS's becomes the reader's
     * default, replacing an earlier launch's, unless they chose one here (which every later launch keeps).
     */
    private static void rememberLanguage(RoutingContext context) {
        PageLanguage language = language(context);
        Language lms = lmsLanguage(context);
        if (language.chosenNow()) {
            remember(context, language);
        } else if (lms != null && !RequestLanguage.chosenHere(languageCookie(context))) {
            context.response().headers().add(HttpHeaders.SET_COOKIE, PageLanguage.lmsDefaultCookie(lms).toString());
        }
    }

    private static PageLanguage language(RoutingContext context) {
        return language(context, lmsLanguage(context));
    }

    /** The page's language, the LMS's ({@code lmsNow}, null: none of ours) standing in for Accept-Language. */
    private static PageLanguage language(RoutingContext context, Language lmsNow) {
        return PageLanguage.resolve(context.request().getParam("lang"), languageCookie(context), lmsNow,
                context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private static String languageCookie(RoutingContext context) {
        Cookie cookie = context.request().getCookie(RequestLanguage.COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /** The LMS's language that a ticket's link carries ({@link #LMS_LANGUAGE}); null when it carries none of ours. */
    private static Language lmsLanguage(RoutingContext context) {
        String code = context.request().getParam(LMS_LANGUAGE);
        if (code == null) {
            return null;
        }
        try {
            return Language.parse(code);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static void html(RoutingContext context, int status, String page) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8").end(page);
    }

    /** A login parameter from the query or the form; null when absent, empty or too long. */
    private static String parameter(HttpServerRequest request, String name) {
        String value = request.getFormAttribute(name);
        if (value == null) {
            value = request.getParam(name);
        }
        return value == null || value.isEmpty() || value.length() > MAX_LOGIN_PARAMETER ? null : value;
    }

    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return '"' + cut.replaceAll("[^\\p{Graph} ]", "?") + '"';
    }
}
