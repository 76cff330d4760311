package lab.handshake.quiz;

import java.util.Optional;
import lab.handshake.api.Refusal;

/** A question made from a simulation of one of the catalogue's scenarios, as {@code generate} says. */
public sealed interface GeneratedQuestion extends Question permits Numeric, NextState {
    QuizModel.Generate generate();

    /**
     * What the simulation shows wrong with the question, beyond what {@link #check} sees in the file; empty
     * when nothing is. Throws {@link QuestionGenerator.NotInSimulation} when the simulation lacks the segment or
     * state change asked for.
     */
    Optional<Refusal.Worded<String>> simulationProblem(QuestionGenerator generator);
}
