package lab.handshake.teacher;

import lab.handshake.api.Refusal.Kind;
import lab.handshake.api.Refusal;

/** An account change an administrator asked for and the rules refuse; pages say it in the reader's language. */
public class AccountRefusal extends Refusal {
    public enum Reason {
        INVALID_USERNAME(Kind.INVALID, "invalid-username", "The username must be 3 to 64 lower-case letters, digits, '.', '_' or '-'."),
        WEAK_PASSWORD(Kind.INVALID, "weak-password", "The password must have at least " + FirstAdministrator.MIN_PASSWORD_LENGTH
                + " characters and at most " + TeacherAccounts.MAX_PASSWORD_LENGTH + " bytes."),
        USERNAME_TAKEN(Kind.CONFLICT, "username-taken", "An account with this username exists already (or existed: usernames are never reused)."),
        NO_SUCH_ACCOUNT(Kind.NOT_FOUND, "not-found", "There is no such account."),
        NOT_YOURSELF(Kind.CONFLICT, "not-yourself", "Administrators cannot disable or delete their own account; another administrator can."),
        /** The accounts page deletes only with its box ticked: one click on the wrong row must not delete. */
        DELETE_NOT_CONFIRMED(Kind.INVALID, "delete-not-confirmed", "Tick the box beside 'Delete' to confirm deleting the account.");

        final Kind kind;
        final String type;
        final String detail;

        Reason(Kind kind, String type, String detail) {
            this.kind = kind;
            this.type = type;
            this.detail = detail;
        }
    }

    private final Reason why;

    public AccountRefusal(Reason reason) {
        super(reason.kind, reason.type, "Account change refused", reason.detail, null);
        this.why = reason;
    }

    /** Which rule refused it (pages word it in the reader's language). */
    public Reason why() {
        return why;
    }
}
