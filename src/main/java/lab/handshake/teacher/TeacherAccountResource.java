package lab.handshake.teacher;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import lab.handshake.api.Problem;
import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Teachers' accounts, for administrators: add, disable, enable, delete, new password. */
@Path("/api/teacher/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Teacher.ADMIN)
@Tag(name = "Teacher accounts")
public class TeacherAccountResource {
    /** A new account. */
    public record NewAccount(String username, String displayName, String password) {
    }

    /** A new password. */
    public record ManagerRole(Boolean manager) {
    }

    public record NewPassword(String password) {
    }

    private final TeacherAccounts accounts;
    private final SecurityIdentity identity;

    public TeacherAccountResource(TeacherAccounts accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Every teacher account that is not deleted")
    public List<TeacherAccounts.Account> list() {
        return accounts.list();
    }

    @POST
    @Operation(summary = "Add a teacher (not an administrator)")
    @APIResponse(responseCode = "201", description = "The account, added")
    public Response create(NewAccount account) {
        NewAccount given = account == null ? new NewAccount(null, null, null) : account;
        TeacherAccounts.Account created = accounts.create(actor(), given.username(), given.displayName(), given.password());
        return Response.created(URI.create("/api/teacher/accounts/" + created.username())).entity(created).build();
    }

    @POST
    @Path("{username}/disable")
    @Operation(summary = "Disable an account: its logins end at once and it cannot sign in until enabled again")
    public TeacherAccounts.Account disable(@PathParam("username") String username) {
        return accounts.disable(actor(), username);
    }

    @POST
    @Path("{username}/enable")
    @Operation(summary = "Enable a disabled account again")
    public TeacherAccounts.Account enable(@PathParam("username") String username) {
        return accounts.enable(actor(), username);
    }

    @PUT
    @Path("{username}/password")
    @Operation(summary = "Set a new password; the teacher's logins end")
    @APIResponse(responseCode = "204", description = "The password is changed")
    public Response resetPassword(@PathParam("username") String username, NewPassword password) {
        accounts.resetPassword(actor(), username, password == null ? null : password.password());
        return Response.noContent().build();
    }

    @PUT
    @Path("{username}/manager")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give ({\"manager\": true}) or take the manager role: managers may replace the built-in curriculum and change every teacher's items")
    public TeacherAccounts.Account setManager(@PathParam("username") String username, ManagerRole role) {
        if (role == null || role.manager() == null) {
            throw new Refusal.Invalid("invalid-body", Worded.of(TeacherProblemMessages.class, TeacherProblemMessages::invalid_body_title),
                    Worded.of(TeacherProblemMessages.class, words -> words.body_must_be_either("{\"manager\": true}", "{\"manager\": false}")),
                    Worded.of(ProblemMessages.class, words -> List.of(new Problem.FieldError("manager", words.body_required()))));
        }
        return accounts.setManager(actor(), username, role.manager());
    }

    @DELETE
    @Path("{username}")
    @Operation(summary = "Delete an account; what the teacher wrote is kept and stays attributed to them")
    @APIResponse(responseCode = "204", description = "The account is deleted")
    public Response delete(@PathParam("username") String username) {
        accounts.delete(actor(), username);
        return Response.noContent().build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
