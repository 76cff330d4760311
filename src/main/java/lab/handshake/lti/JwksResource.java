package lab.handshake.lti;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tool's public keys (RFC 7517 JWK set), which platforms use to check what the tool signs. */
@Path(JwksResource.PATH)
@Tag(name = "LTI")
public class JwksResource {
    static final String PATH = "/lti/jwks";
    static final String JWK_SET = "application/jwk-set+json";

    private final ToolKeys keys;

    public JwksResource(ToolKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces({JWK_SET, "application/json"})
    @Operation(summary = "The tool's public signing keys (JWKS)")
    public Response jwks() {
        CacheControl fiveMinutes = new CacheControl();
        fiveMinutes.setMaxAge(300);
        return Response.ok(keys.publicKeys().toString(true)).cacheControl(fiveMinutes).build();
    }
}
