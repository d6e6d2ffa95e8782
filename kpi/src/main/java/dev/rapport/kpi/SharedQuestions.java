package dev.rapport.kpi;

import dev.rapport.spi.kpi.Tallies;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lets the KPIs of one report share the answers to the questions they have in common (CSAT and mean CSAT read the
 * same score histogram; churn, retention and predictive lifetime value the same customer base), so that a report
 * asks each question once instead of once per KPI. Answers are kept only while a report runs, per thread: a
 * single {@code compute} still asks afresh, and two reports computed at once on two threads share nothing.
 */
final class SharedQuestions {

    private final ThreadLocal<Map<List<Object>, Tallies<?>>> answers = new ThreadLocal<>();

    /**
     * Runs a report's work with a fresh store of answers, dropped when the work ends.
     *
     * @param work the report's work
     * @param <R> what the work returns
     * @return what the work returned
     */
    <R> R during(Supplier<R> work) {
        if (answers.get() != null) {
            return work.get();
        }
        answers.set(new HashMap<>());
        try {
            return work.get();
        } finally {
            answers.remove();
        }
    }

    /**
     * The answer to a question: asked once per report, outside a report every time.
     *
     * @param question the question and everything its answer depends on (its name, parameters and slice)
     * @param ask asks the question
     * @param <T> the answer's type
     * @return the answer
     */
    @SuppressWarnings("unchecked")
    <T> Tallies<T> ask(List<Object> question, Supplier<Tallies<T>> ask) {
        Map<List<Object>, Tallies<?>> known = answers.get();
        if (known == null) {
            return ask.get();
        }
        Tallies<?> answer = known.get(question);
        if (answer == null) {
            answer = ask.get();
            known.put(question, answer);
        }
        return (Tallies<T>) answer;
    }
}
