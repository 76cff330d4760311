package lab.handshake.api;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Optional;

/**
 * A request record the API checks by Bean Validation ({@code @Valid} on the resource's parameter): the problem type
 * and title of its refusal, and, when the record implements {@link Rules}, the rules between its fields that no
 * annotation on one field can say. Every message is a message bundle's, named in Qute's notation
 * ({@code "{session:move_host}"}, {@code "{session:decision(max)}"} with the constraint's attributes as arguments);
 * {@link ProblemMapper} writes the 400 naming each field, in the reader's language. A body whose type can carry no
 * annotation (an engine record) names its problem with this annotation on the resource's parameter instead.
 */
@Documented
@Target({TYPE, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = CheckedRequest.RulesValidator.class)
public @interface CheckedRequest {

    /** The last part of the problem type, such as {@code invalid-move}. */
    String reason();

    /** The problem's title, a message of a bundle: {@code "{session:invalid_move}"}. */
    String title();

    /** Not read: each broken rule names its own message. */
    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** One field at fault and its message, as {@link CheckedRequest} names messages. */
    record Broken(String field, String message) {
        /** The answer of a rule that {@code field} breaks. */
        public static Optional<Broken> broken(String field, String message) {
            return Optional.of(new Broken(field, message));
        }
    }

    /** A request whose fields depend on each other: it says which rule it breaks first. */
    interface Rules {
        Optional<Broken> firstBroken();
    }

    /** Reports the first broken rule of a {@link Rules} request on its field. */
    class RulesValidator implements ConstraintValidator<CheckedRequest, Object> {
        @Override
        public boolean isValid(Object request, ConstraintValidatorContext context) {
            return holds(request instanceof Rules rules ? rules.firstBroken() : Optional.empty(), context);
        }

        /**
         * Whether no rule is broken; else reports the broken one on its field. Also for a class-level constraint whose
         * rules need beans a record cannot hold (a catalogue that knows which ids exist).
         */
        public static boolean holds(Optional<Broken> broken, ConstraintValidatorContext context) {
            broken.ifPresent(rule -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(rule.message()).addPropertyNode(rule.field()).addConstraintViolation();
            });
            return broken.isEmpty();
        }
    }
}
