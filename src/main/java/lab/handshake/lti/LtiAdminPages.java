package lab.handshake.lti;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import lab.handshake.api.ProblemMapper;
import lab.handshake.api.Refusal;
import lab.handshake.teacher.Teacher;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.PageLanguageParams;
import lab.handshake.web.Pages;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The administrators' page of LMS connections: the values to paste into the LMS, registered platforms, key rotation. */
@Path("/teacher/lti")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Teacher.ADMIN)
public class LtiAdminPages {
    /** What the last change did, shown once after the redirect. */
    public enum Done { REGISTERED, ROTATED }

    /** The tool's own URLs, as an LMS asks for them. */
    public record ToolValues(String targetLinkUrl, String loginUrl, String launchUrl, String jwksUrl) {
        static ToolValues at(URI base) {
            return new ToolValues(base.resolve("/").toString(), base.resolve(LtiRoutes.LOGIN_PATH).toString(),
                    base.resolve(LtiRoutes.LAUNCH_PATH).toString(), base.resolve("/lti/jwks").toString());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance platforms(PageContext page, ToolValues tool, List<PlatformView> platforms, Done done,
                                                 List<String> invalidFields, boolean duplicate);
    }

    private final Platforms platforms;
    private final ToolKeys keys;

    public LtiAdminPages(Platforms platforms, ToolKeys keys) {
        this.platforms = platforms;
        this.keys = keys;
    }

    @GET
    @Operation(hidden = true)
    public Response page(@QueryParam("done") String done, @BeanParam PageLanguageParams languageParams, @Context UriInfo uri) {
        Done shown = Arrays.stream(Done.values()).filter(value -> value.name().equalsIgnoreCase(done)).findFirst().orElse(null);
        return page(languageParams.resolve(), uri, 200, shown, List.of(), false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response register(@FormParam("issuer") String issuer, @FormParam("clientId") String clientId,
                             @FormParam("deploymentIds") String deploymentIds, @FormParam("authLoginUrl") String authLoginUrl,
                             @FormParam("jwksUrl") String jwksUrl, @FormParam("accessTokenUrl") String accessTokenUrl,
                             @FormParam("frameOrigins") String frameOrigins, @BeanParam PageLanguageParams languageParams,
                             @Context UriInfo uri) {
        try {
            platforms.register(new PlatformRegistration(blankToNull(issuer), blankToNull(clientId), lines(deploymentIds),
                    blankToNull(authLoginUrl), blankToNull(jwksUrl), blankToNull(accessTokenUrl), lines(frameOrigins)));
            return Response.seeOther(URI.create("/teacher/lti?done=registered")).build();
        } catch (ConstraintViolationException invalid) {
            // The form has one text area per list: deploymentIds[2] is the deploymentIds field.
            List<String> fields = invalid.getConstraintViolations().stream()
                    .map(violation -> ProblemMapper.field(violation).replaceAll("\\[.*", "")).distinct().sorted().toList();
            return page(languageParams.resolve(), uri, ProblemMapper.status(Refusal.Kind.INVALID), null, fields, false);
        } catch (Refusal.Conflict duplicate) {
            return page(languageParams.resolve(), uri, ProblemMapper.status(duplicate.kind()), null, List.of(), true);
        }
    }

    @POST
    @Path("{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response remove(@PathParam("id") long id) {
        platforms.remove(id);
        return Response.seeOther(URI.create("/teacher/lti")).build();
    }

    @POST
    @Path("rotate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response rotate() {
        keys.rotate();
        return Response.seeOther(URI.create("/teacher/lti?done=rotated")).build();
    }

    private Response page(PageLanguage language, UriInfo uri, int status, Done done, List<String> invalidFields, boolean duplicate) {
        PageContext page = new PageContext(language.code(), "/teacher/lti", Pages.words(LtiMessages.class, language).admin_title());
        return Pages.html(status, language, Templates.platforms(page, ToolValues.at(uri.getBaseUri()), platforms.list(), done,
                invalidFields, duplicate));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** One entry per non-blank line of a text area. */
    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
