package lab.handshake.teacher;

import lab.handshake.api.Refusal.Worded;
import lab.handshake.api.Refusal.Kind;
import lab.handshake.api.Refusal;

/** An account change an administrator asked for and the rules refuse; pages say it in the reader's language. */
public class AccountRefusal extends Refusal {
    public enum Reason {
        INVALID_USERNAME(Kind.INVALID, "invalid-username", Worded.of(TeacherProblemMessages.class, TeacherProblemMessages::invalid_username)),
        WEAK_PASSWORD(Kind.INVALID, "weak-password",
                Worded.of(TeacherProblemMessages.class, words -> words.weak_password(FirstAdministrator.MIN_PASSWORD_LENGTH, TeacherAccounts.MAX_PASSWORD_LENGTH))),
        USERNAME_TAKEN(Kind.CONFLICT, "username-taken", Worded.of(TeacherProblemMessages.class, TeacherProblemMessages::username_taken)),
        NO_SUCH_ACCOUNT(Kind.NOT_FOUND, "not-found", Worded.of(TeacherProblemMessages.class, TeacherProblemMessages::no_such_account)),
        NOT_YOURSELF(Kind.CONFLICT, "not-yourself", Worded.of(TeacherProblemMessages.class, TeacherProblemMessages::not_yourself)),
        /** The accounts page deletes only with its box ticked: one click on the wrong row must not delete. */
        DELETE_NOT_CONFIRMED(Kind.INVALID, "delete-not-confirmed", Worded.of(TeacherProblemMessages.class, TeacherProblemMessages::delete_not_confirmed));

        final Kind kind;
        final String type;
        final Worded<String> detail;

        Reason(Kind kind, String type, Worded<String> detail) {
            this.kind = kind;
            this.type = type;
            this.detail = detail;
        }
    }

    private final Reason why;

    public AccountRefusal(Reason reason) {
        super(reason.kind, reason.type, Worded.of(TeacherProblemMessages.class, TeacherProblemMessages::account_refused_title), reason.detail, null);
        this.why = reason;
    }

    /** Which rule refused it (pages word it in the reader's language). */
    public Reason why() {
        return why;
    }
}
