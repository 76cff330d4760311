package lab.handshake.quiz;

/** A question made from a simulation of one of the catalogue's scenarios, as {@code generate} says. */
public sealed interface GeneratedQuestion extends Question permits Numeric, NextState {
    QuizModel.Generate generate();
}
