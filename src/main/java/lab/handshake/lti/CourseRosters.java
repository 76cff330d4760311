package lab.handshake.lti;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.classes.ClassMember;
import lab.handshake.classes.ClassService;
import lab.handshake.classes.ClassViewer;
import lab.handshake.classes.SchoolClass;
import lab.handshake.teacher.Teacher;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * NRPS 2.0: the roster of an LMS course, fetched from the membership service its launches name (with a token of
 * the {@code contextmembership.readonly} scope, following {@code Link: rel="next"}, at most {@link #MAX_PAGES}
 * pages and {@link #MAX_MEMBERS} members). Each member becomes an LMS user here with their name; learners join the
 * course's class. Fetched after an instructor's launch, and when the class's teacher asks.
 */
@ApplicationScoped
public class CourseRosters {
    private static final Logger LOG = Logger.getLogger(CourseRosters.class);
    static final String MEMBERSHIP_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
    static final int MAX_PAGES = 20;
    static final int MAX_MEMBERS = 5000;
    public static final String NO_ROSTER_SERVICE = "no-roster-service";
    public static final String ROSTER_UNAVAILABLE = "roster-unavailable";

    /** One member of a course's roster, as the class's teacher sees it. */
    public record RosterMember(String name, LtiRole role, boolean active) {
    }

    /**
     * A class's LMS roster: as just fetched, how many members the LMS listed and how many of them were new here
     * ({@code added}) or known and refreshed ({@code updated}), each -1 when not fetched now; and the roster now.
     */
    public record Roster(String classCode, int listed, int added, int updated, List<RosterMember> members) {
    }

    /** A member as the membership service lists them. */
    private record Listed(String subject, String name, LtiRole role, boolean active) {
    }

    private final PlatformServices services;
    private final Platforms platforms;
    private final ClassService classes;
    private final ManagedExecutor executor;

    public CourseRosters(PlatformServices services, Platforms platforms, ClassService classes, ManagedExecutor executor) {
        this.services = services;
        this.platforms = platforms;
        this.classes = classes;
        this.executor = executor;
    }

    /** After an instructor's launch: the course's roster is fetched in the background; a failure is only logged. */
    void fetchLater(long platformId, String contextId) {
        executor.runAsync(() -> {
            LtiContext context = QuarkusTransaction.requiringNew().call(() -> LtiContext.of(platformId, contextId));
            try {
                if (context != null && context.membershipsUrl != null) {
                    fetch(context);
                }
            } catch (Refusal refusal) {
                LOG.warnf("LTI roster of context %d not fetched: %s", context.id, refusal.getMessage());
            }
        });
    }

    /** The teacher signed in, as a viewer of classes. */
    ClassViewer viewer(SecurityIdentity identity) {
        Teacher teacher = QuarkusTransaction.requiringNew().call(() -> Teacher.findByUsername(identity.getPrincipal().getName()));
        return new ClassViewer(teacher == null ? -1 : teacher.id, identity.hasRole(Teacher.ADMIN));
    }

    /** The class's teacher (or an administrator) fetches the roster now. */
    public Roster fetch(ClassViewer viewer, String classCode) {
        return fetch(context(viewer, classCode));
    }

    /** The roster of the class's LMS course as last fetched, for its teacher (or an administrator). */
    public Roster roster(ClassViewer viewer, String classCode) {
        LtiContext context = context(viewer, classCode);
        return QuarkusTransaction.requiringNew().call(() -> new Roster(classCode, -1, -1, -1, members(context.id)));
    }

    private LtiContext context(ClassViewer viewer, String classCode) {
        SchoolClass schoolClass = classes.managed(viewer, classCode).orElseThrow(() -> Refusal.notFound(ProblemMessages::school_class, classCode));
        LtiContext context = QuarkusTransaction.requiringNew().call(() -> LtiContext.<LtiContext>find("classId", schoolClass.id).firstResult());
        if (context == null || context.membershipsUrl == null) {
            throw new Refusal.Unusable(NO_ROSTER_SERVICE, Worded.of(LtiProblemMessages.class, LtiProblemMessages::no_roster_title), Worded.of(LtiProblemMessages.class, LtiProblemMessages::no_roster_service), null);
        }
        return context;
    }

    private Roster fetch(LtiContext context) {
        LtiPlatform platform = platforms.find(context.platformId).orElseThrow(() -> Refusal.notFound(ProblemMessages::lti_platform, Long.toString(context.platformId)));
        List<Listed> listed = list(platform, context.membershipsUrl);
        return QuarkusTransaction.requiringNew().call(() -> store(context.id, platform.id, listed));
    }

    /** Every page of the membership, bounded. */
    private List<Listed> list(LtiPlatform platform, String firstPage) {
        Map<String, Listed> members = new LinkedHashMap<>();
        String page = firstPage;
        try {
            String token = services.accessToken(platform, LtiScope.MEMBERSHIPS);
            for (int pages = 0; page != null; pages++) {
                if (pages == MAX_PAGES) {
                    throw unavailable(words -> words.roster_too_many_pages(MAX_PAGES));
                }
                PlatformServices.Answer answer = services.send(HttpRequest.newBuilder(URI.create(page))
                        .header("Authorization", "Bearer " + token).header("Accept", MEMBERSHIP_TYPE).GET());
                if (answer.status() == 401) {
                    services.forgetToken(platform, LtiScope.MEMBERSHIPS);
                }
                if (!answer.accepted()) {
                    throw unavailable(words -> words.roster_service_answered(answer.status()));
                }
                for (JsonNode member : services.readJson(answer).path("members")) {
                    Listed one = listed(member);
                    if (one != null) {
                        members.put(one.subject(), one);
                    }
                    if (members.size() > MAX_MEMBERS) {
                        throw unavailable(words -> words.roster_too_many_members(MAX_MEMBERS));
                    }
                }
                page = PlatformServices.nextLink(answer.headers()).filter(url -> url.length() <= LaunchValidator.MAX_URL_LENGTH
                        && url.matches(PlatformRegistration.HTTPS_URL)).orElse(null);
            }
        } catch (PlatformServices.CallFailed e) {
            // What failed is for the log; the teacher learns that the LMS did not answer usably.
            LOG.infof("LTI roster of %s not fetched: %s", firstPage, e.getMessage());
            throw unavailable(LtiProblemMessages::roster_call_failed);
        }
        return new ArrayList<>(members.values());
    }

    /** A member entry (NRPS 2.0 §2.2), or null when it lacks a usable user id. */
    private static Listed listed(JsonNode member) {
        String subject = member.path("user_id").asText("");
        if (subject.isEmpty() || subject.length() > LaunchValidator.MAX_ID_LENGTH) {
            return null;
        }
        List<String> roles = new ArrayList<>();
        member.path("roles").forEach(role -> roles.add(role.asText("")));
        String name = member.path("name").asText(null);
        if (name == null && (member.has("given_name") || member.has("family_name"))) {
            name = (member.path("given_name").asText("") + " " + member.path("family_name").asText("")).strip();
        }
        return new Listed(subject, LaunchValidator.shortened(name), LtiRole.of(roles),
                !"Inactive".equals(member.path("status").asText("Active")));
    }

    /** One transaction: users, roster entries (those no longer listed become inactive) and class members. */
    private Roster store(long contextRowId, long platformId, List<Listed> listed) {
        LtiContext context = LtiContext.findById(contextRowId);
        SchoolClass schoolClass = SchoolClass.findById(context.classId);
        // Whole milliseconds: the column keeps fewer digits than Instant, and entries not listed now are those synced before.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        int added = 0;
        for (Listed member : listed) {
            LtiUser user = LtiUser.of(platformId, member.subject());
            if (user == null) {
                user = new LtiUser();
                user.platformId = platformId;
                user.subject = member.subject();
                user.learnerId = UUID.randomUUID().toString();
            }
            if (member.name() != null) {
                user.name = member.name();
            }
            user.persistAndFlush();
            LtiRosterEntry entry = LtiRosterEntry.of(context.id, user.id);
            if (entry == null) {
                added++;
                entry = new LtiRosterEntry();
                entry.contextId = context.id;
                entry.userId = user.id;
            }
            entry.role = member.role();
            entry.active = member.active();
            entry.syncedAt = now;
            entry.persist();
            if (member.active() && member.role() == LtiRole.LEARNER) {
                ClassMember.enrol(schoolClass.id, user.learnerId, ClassService.memberNameFrom(user.name));
            }
        }
        LtiRosterEntry.update("active = false where contextId = ?1 and syncedAt < ?2", context.id, now);
        return new Roster(schoolClass.joinCode, listed.size(), added, listed.size() - added, members(context.id));
    }

    private static List<RosterMember> members(long contextRowId) {
        List<RosterMember> members = new ArrayList<>();
        for (LtiRosterEntry entry : LtiRosterEntry.<LtiRosterEntry>list("contextId = ?1 order by id", contextRowId)) {
            LtiUser user = LtiUser.findById(entry.userId);
            members.add(new RosterMember(user.name, entry.role, entry.active));
        }
        return members;
    }

    private static Refusal unavailable(Function<LtiProblemMessages, String> why) {
        return new Refusal.Unusable(ROSTER_UNAVAILABLE, Worded.of(LtiProblemMessages.class, LtiProblemMessages::roster_unavailable_title),
                Worded.of(LtiProblemMessages.class, words -> words.roster_unavailable(why.apply(words))), null);
    }
}
