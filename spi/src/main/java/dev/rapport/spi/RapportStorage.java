package dev.rapport.spi;

import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.interaction.InteractionRepository;
import java.util.Optional;

/**
 * A storage adapter: every repository port plus the transactions they share. This is what an integrator
 * implements and hands to {@code Rapport.builder().storage(...)}; the spi-tck proves an implementation right.
 *
 * <p>Contract: each method returns the same instance every time; all repositories take part in the
 * transactions of {@link #transactions()}; implementations are thread-safe. Instants are kept to the microsecond
 * at least (Rapport stamps its own times to the microsecond); money amounts to four decimal places; strings
 * exactly, up to the lengths in {@link dev.rapport.spi.validation.Limits}.
 */
public interface RapportStorage {

    /** The customers. */
    CustomerRepository customers();

    /** The interactions. */
    InteractionRepository interactions();

    /** The cases. */
    CaseRepository cases();

    /** The feedback responses. */
    FeedbackRepository feedback();

    /** The follow-ups. */
    FollowUpRepository followUps();

    /** The agents. */
    AgentRepository agents();

    /** The unit of work shared by all repositories. */
    Transactions transactions();

    /**
     * The transactional outbox, if this adapter keeps one: events appended to it take part in
     * {@link #transactions()}. Default: none, and events are published straight after commit instead.
     */
    default Optional<EventOutbox> outbox() {
        return Optional.empty();
    }
}
