package lab.handshake.teacher;

import lab.handshake.api.ApiProblem;

/** An account change an administrator asked for and the rules refuse; pages say it in the reader's language. */
public class AccountRefusal extends ApiProblem {
    public enum Reason {
        INVALID_USERNAME(400, "invalid-username", "The username must be 3 to 64 lower-case letters, digits, '.', '_' or '-'."),
        WEAK_PASSWORD(400, "weak-password", "The password must have at least " + FirstAdministrator.MIN_PASSWORD_LENGTH
                + " characters and at most " + TeacherAccounts.MAX_PASSWORD_LENGTH + " bytes."),
        USERNAME_TAKEN(409, "username-taken", "An account with this username exists already (or existed: usernames are never reused)."),
        NO_SUCH_ACCOUNT(404, "not-found", "There is no such account."),
        NOT_YOURSELF(409, "not-yourself", "Administrators cannot disable or delete their own account; another administrator can."),
        /** The accounts page deletes only with its box ticked: one click on the wrong row must not delete. */
        DELETE_NOT_CONFIRMED(400, "delete-not-confirmed", "Tick the box beside 'Delete' to confirm deleting the account.");

        final int status;
        final String type;
        final String detail;

        Reason(int status, String type, String detail) {
            this.status = status;
            this.type = type;
            this.detail = detail;
        }
    }

    private final Reason reason;

    public AccountRefusal(Reason reason) {
        super(reason.status, reason.type, "Account change refused", reason.detail, null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
