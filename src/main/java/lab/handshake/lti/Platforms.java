package lab.handshake.lti;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lab.handshake.api.Problem;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;

/**
 * Registering, listing and removing platforms. A registration, from the API, the administrators' form or Dynamic
 * Registration, is checked by Bean Validation here: a {@link ConstraintViolationException} naming every bad field,
 * which {@code api.ProblemMapper} answers with 400 and the form marks.
 */
@ApplicationScoped
public class Platforms {
    public static final String INVALID_PLATFORM = "invalid-platform";
    public static final String DUPLICATE_PLATFORM = "duplicate-platform";

    private final Validator validator;
    private final PlatformKeys platformKeys;

    public Platforms(Validator validator, PlatformKeys platformKeys) {
        this.validator = validator;
        this.platformKeys = platformKeys;
    }

    @Transactional
    public List<PlatformView> list() {
        return LtiPlatform.everyPlatform().stream().map(PlatformView::of).toList();
    }

    @Transactional
    public PlatformView register(PlatformRegistration registration) {
        Set<ConstraintViolation<PlatformRegistration>> violations = validator.validate(registration);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        if (LtiPlatform.count("issuer = ?1 and clientId = ?2", registration.issuer(), registration.clientId()) > 0) {
            throw new Refusal.Conflict(DUPLICATE_PLATFORM, Worded.of(LtiProblemMessages.class, LtiProblemMessages::duplicate_platform_title), Worded.of(LtiProblemMessages.class, LtiProblemMessages::duplicate_platform),
                    Worded.of(LtiProblemMessages.class, words -> List.of(new Problem.FieldError("clientId", words.registered_for_issuer()))));
        }
        LtiPlatform platform = new LtiPlatform();
        platform.issuer = registration.issuer();
        platform.clientId = registration.clientId();
        platform.authLoginUrl = registration.authLoginUrl();
        platform.jwksUrl = registration.jwksUrl();
        platform.accessTokenUrl = registration.accessTokenUrl();
        platform.deploymentIds.addAll(registration.deploymentIds());
        if (registration.frameOrigins() != null) {
            registration.frameOrigins().stream().map(LtiPlatform::origin).forEach(platform.frameOrigins::add);
        }
        platform.createdAt = Instant.now();
        platform.persist();
        return PlatformView.of(platform);
    }

    /** Removes a platform with its logins in progress, users and courses (the classes and attempts stay). */
    @Transactional
    public boolean remove(long id) {
        LtiUser.delete("platformId", id);
        LtiContext.delete("platformId", id);
        LtiLoginState.delete("platformId", id);
        boolean removed = LtiPlatform.deleteById(id);
        platformKeys.forget(id);
        return removed;
    }

    @Transactional
    public Optional<LtiPlatform> find(long id) {
        return LtiPlatform.<LtiPlatform>findByIdOptional(id);
    }

    /**
     * The platform a login initiation names by issuer and, when it sends one, client id. An issuer registered
     * with several client ids must send its client_id.
     */
    @Transactional
    public LtiPlatform forLogin(String issuer, String clientId) {
        List<LtiPlatform> candidates = LtiPlatform.byIssuer(issuer).stream()
                .filter(platform -> clientId == null || platform.clientId.equals(clientId)).toList();
        if (candidates.size() != 1) {
            throw new LaunchRefused(LaunchRefusal.UNKNOWN_PLATFORM, candidates.size() + " platforms match iss and client_id");
        }
        return candidates.get(0);
    }

    /** Every registered platform's framing origins, for pages shown before we know which platform framed them. */
    @Transactional
    public Set<String> framingOriginsOfAll() {
        Set<String> origins = new java.util.TreeSet<>();
        LtiPlatform.everyPlatform().forEach(platform -> origins.addAll(platform.framingOrigins()));
        return origins;
    }
}
