package lab.handshake.quiz;

import java.util.Optional;

/** A question made from a simulation of one of the catalogue's scenarios, as {@code generate} says. */
public sealed interface GeneratedQuestion extends Question permits Numeric, NextState {
    QuizModel.Generate generate();

    /**
     * What the simulation shows wrong with the question, beyond what {@link #check} sees in the file; empty
     * when nothing is. Throws {@link IllegalStateException} or {@link IndexOutOfBoundsException} when the
     * simulation lacks the segment or state change asked for.
     */
    Optional<String> simulationProblem(QuestionGenerator generator);
}
