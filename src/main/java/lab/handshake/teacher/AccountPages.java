package lab.handshake.teacher;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import lab.handshake.api.ProblemMapper;
import lab.handshake.web.PageContext;
import lab.handshake.web.PageLanguage;
import lab.handshake.web.PageLanguageParams;
import lab.handshake.web.Pages;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The administrators' page of teacher accounts; every change is a form with its CSRF token. */
@Path("/teacher/accounts")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Teacher.ADMIN)
public class AccountPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accounts(PageContext page, List<TeacherAccounts.Account> teachers, String self,
                                                AccountRefusal.Reason refusal, int minPasswordLength);
    }

    private final TeacherAccounts accounts;
    private final SecurityIdentity identity;

    /** The value of the delete form's checkbox when it is ticked. */
    static final String CONFIRMED = "yes";

    public AccountPages(TeacherAccounts accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    @GET
    @Operation(hidden = true)
    public Response page(@BeanParam PageLanguageParams languageParams) {
        return page(languageParams.resolve(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response add(@FormParam("username") String username, @FormParam("displayName") String displayName,
                        @FormParam("password") String password, @BeanParam PageLanguageParams languageParams) {
        return change(languageParams, () -> accounts.create(actor(), username, displayName, password));
    }

    @POST
    @Path("{username}/disable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response disable(@PathParam("username") String username, @BeanParam PageLanguageParams languageParams) {
        return change(languageParams, () -> accounts.disable(actor(), username));
    }

    @POST
    @Path("{username}/enable")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response enable(@PathParam("username") String username, @BeanParam PageLanguageParams languageParams) {
        return change(languageParams, () -> accounts.enable(actor(), username));
    }

    @POST
    @Path("{username}/manager")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response setManager(@PathParam("username") String username, @FormParam("manager") boolean manager,
                               @BeanParam PageLanguageParams languageParams) {
        return change(languageParams, () -> accounts.setManager(actor(), username, manager));
    }

    @POST
    @Path("{username}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response delete(@PathParam("username") String username, @FormParam("confirm") String confirm,
                           @BeanParam PageLanguageParams languageParams) {
        return change(languageParams, () -> {
            if (!CONFIRMED.equals(confirm)) {
                throw new AccountRefusal(AccountRefusal.Reason.DELETE_NOT_CONFIRMED);
            }
            accounts.delete(actor(), username);
        });
    }

    @POST
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response resetPassword(@PathParam("username") String username, @FormParam("password") String password,
                                  @BeanParam PageLanguageParams languageParams) {
        return change(languageParams, () -> accounts.resetPassword(actor(), username, password));
    }

    /** Does the change and goes back to the list, or shows the list again with why it was refused. */
    private Response change(PageLanguageParams languageParams, Runnable change) {
        try {
            change.run();
            return Response.seeOther(URI.create("/teacher/accounts")).build();
        } catch (AccountRefusal refusal) {
            return page(languageParams.resolve(), refusal);
        }
    }

    private Response page(PageLanguage language, AccountRefusal refusal) {
        PageContext page = new PageContext(language.code(), "/teacher/accounts", Pages.words(language).teacher_accounts());
        TemplateInstance template = Templates.accounts(page, accounts.list(), actor(),
                refusal == null ? null : refusal.why(), FirstAdministrator.MIN_PASSWORD_LENGTH);
        return Pages.html(refusal == null ? 200 : ProblemMapper.status(refusal.kind()), language, template);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
