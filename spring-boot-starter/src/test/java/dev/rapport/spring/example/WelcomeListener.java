package dev.rapport.spring.example;

import dev.rapport.spi.event.CustomerRegistered;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hears Rapport's domain events as Spring application events (the starter's default publisher), after their commit,
 * from the outbox relay: here, to greet each new customer.
 */
@Component
public class WelcomeListener {

    private final AtomicInteger welcomed = new AtomicInteger();

    /**
     * Greets a new customer.
     *
     * @param event the registration
     */
    @EventListener
    public void on(CustomerRegistered event) {
        welcomed.incrementAndGet();
    }

    /** How many customers were greeted. */
    public int welcomed() {
        return welcomed.get();
    }
}
