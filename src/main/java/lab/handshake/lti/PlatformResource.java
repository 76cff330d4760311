package lab.handshake.lti;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.teacher.Teacher;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** LMS platforms (LTI 1.3) and the tool's keys, for administrators. */
@Path("/api/lti")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Teacher.ADMIN)
@Tag(name = "LTI")
public class PlatformResource {
    /** The key that signs from now on. */
    public record RotatedKey(String kid) {
    }

    private final Platforms platforms;
    private final ToolKeys keys;

    public PlatformResource(Platforms platforms, ToolKeys keys) {
        this.platforms = platforms;
        this.keys = keys;
    }

    @GET
    @Path("platforms")
    @Operation(summary = "Every registered LMS platform")
    public List<PlatformView> list() {
        return platforms.list();
    }

    @POST
    @Path("platforms")
    @Operation(summary = "Register an LMS platform (issuer, clientId, deploymentIds, authLoginUrl, jwksUrl, accessTokenUrl)")
    @APIResponse(responseCode = "201", description = "The platform, registered")
    public Response register(@NotNull(message = PlatformRegistration.REQUIRED) PlatformRegistration registration) {
        PlatformView created = platforms.register(registration);
        return Response.created(URI.create("/api/lti/platforms/" + created.id())).entity(created).build();
    }

    @DELETE
    @Path("platforms/{id}")
    @Operation(summary = "Remove a platform: its launches stop working; classes and attempts made through it stay")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("id") long id) {
        if (!platforms.remove(id)) {
            throw Refusal.notFound(ProblemMessages::lti_platform, Long.toString(id));
        }
        return Response.noContent().build();
    }

    @POST
    @Path("keys/rotate")
    @Operation(summary = "Make a new signing key; the previous one stays published at /lti/jwks")
    public RotatedKey rotate() {
        return new RotatedKey(keys.rotate());
    }
}
