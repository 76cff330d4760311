package lab.handshake.lti;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An LMS registered by an administrator: who it is (issuer, our client id there) and where its endpoints are. */
@Entity
@Table(name = "lti_platform")
public class LtiPlatform extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String issuer;

    public String clientId;

    public String authLoginUrl;

    public String jwksUrl;

    public String accessTokenUrl;

    public Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "lti_deployment", joinColumns = @JoinColumn(name = "platform_id"))
    @Column(name = "deployment_id")
    public Set<String> deploymentIds = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "lti_frame_origin", joinColumns = @JoinColumn(name = "platform_id"))
    @Column(name = "origin")
    public Set<String> frameOrigins = new LinkedHashSet<>();

    public static List<LtiPlatform> byIssuer(String issuer) {
        return list("issuer = ?1 order by id", issuer);
    }

    public static List<LtiPlatform> everyPlatform() {
        return list("order by issuer, clientId");
    }

    /** The origins whose pages may frame our launch page: the issuer's, the login URL's and any registered. */
    public Set<String> framingOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        origins.add(origin(issuer));
        origins.add(origin(authLoginUrl));
        origins.addAll(frameOrigins);
        return origins;
    }

    /** scheme://host[:port] of a URL registered as absolute http(s). */
    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
