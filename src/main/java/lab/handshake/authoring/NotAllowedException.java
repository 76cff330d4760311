package lab.handshake.authoring;

import lab.handshake.api.Refusal;
import lab.handshake.api.Refusal.Worded;
import lab.handshake.content.ContentKind;

/**
 * A change this teacher may not make to an item: it is someone else's, or it replaces the built-in
 * curriculum. The API answers 403 with the problem type not-allowed; the editor pages say why in the reader's language.
 */
public class NotAllowedException extends Refusal.NotAllowed {

    public enum Reason {
        /** The item is someone else's and they have not made this teacher a co-editor. */
        NOT_AN_EDITOR,
        /** Only the owner, an administrator or a manager decides who edits an item and who owns it. */
        NOT_THE_OWNER,
        /** Replacing a built-in lesson or quiz needs an administrator or a manager. */
        BUILT_IN;

        /** As pages and the import report name it: not-an-editor, not-the-owner, built-in. */
        public String code() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    private final Reason why;
    private final String owner;

    public NotAllowedException(Reason reason, ContentKind kind, String slug, String owner) {
        super("not-allowed", Worded.of(AuthoringProblemMessages.class, AuthoringProblemMessages::not_allowed_title), language -> switch (reason) {
            case NOT_AN_EDITOR -> AuthoringService.words(language).not_an_editor(AuthoringService.named(kind).in(language), slug, owner);
            case NOT_THE_OWNER -> AuthoringService.words(language).not_the_owner(AuthoringService.named(kind).in(language), slug, owner);
            case BUILT_IN -> AuthoringService.words(language).replaces_built_in(AuthoringService.named(kind).in(language), slug);
        }, null);
        this.why = reason;
        this.owner = owner;
    }

    /** Why it is not allowed (named so, since {@link Refusal#reason()} is the problem type "not-allowed"). */
    public Reason why() {
        return why;
    }

    /** The item's owner, whom to ask; null for a new item. */
    public String owner() {
        return owner;
    }
}
