package lab.handshake.predict;

import lab.handshake.api.ProblemMessages;
import lab.handshake.api.Refusal;

/**
 * Which questions a predict run asks: every one, only those where the endpoint's state changes, or those
 * whose steps fall in a range (counted from 1, as the simulator's {@code ?step=} is).
 */
public record AskedSteps(Ask ask, int from, int to) {
    public enum Ask {
        ALL, CHANGES, RANGE
    }

    /** From the query parameters {@code ask} (all, changes, range), {@code from} and {@code to}; 400 naming the one at fault. */
    public static AskedSteps parse(String ask, Integer from, Integer to) {
        Ask kind;
        if (ask == null || ask.isBlank() || ask.equals("all")) {
            kind = Ask.ALL;
        } else if (ask.equals("changes")) {
            kind = Ask.CHANGES;
        } else if (ask.equals("range")) {
            kind = Ask.RANGE;
        } else {
            throw Refusal.badParameter("ask", words -> words.must_be_one_of("all, changes, range"));
        }
        if (kind != Ask.RANGE) {
            if (from != null || to != null) {
                throw Refusal.badParameter(from != null ? "from" : "to", ProblemMessages::only_with_ask_range);
            }
            return new AskedSteps(kind, 1, Integer.MAX_VALUE);
        }
        int first = from == null ? 1 : from;
        int last = to == null ? Integer.MAX_VALUE : to;
        if (first < 1) {
            throw Refusal.badParameter("from", ProblemMessages::step_from_one);
        }
        if (last < first) {
            throw Refusal.badParameter("to", ProblemMessages::not_before_from);
        }
        return new AskedSteps(kind, first, last);
    }

    /** Whether this question is asked. */
    public boolean asks(Question question) {
        int number = question.index() + 1;
        return switch (ask) {
            case ALL -> true;
            case CHANGES -> question.changesState();
            case RANGE -> number >= from && number <= to;
        };
    }
}
