package dev.rapport.jdbc.nodes;

import dev.rapport.Rapport;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import java.time.Duration;

/**
 * A node whose operations append events to the outbox, and which publishes none of them: a {@link Rapport} over the
 * test's tables (events go to the outbox in each operation's transaction, the default) whose own relay is closed
 * right after it is built, so the relay nodes publish everything. Should that relay have taken a batch before it
 * closed, it publishes it to a {@link RecordingPublisher} like the relay nodes, so nothing escapes the count.
 *
 * <p>On {@code GO}, for each of {@code customers} customers (default 200): registers the customer, opens a case,
 * starts work on it and resolves it (four events, each its own transaction), then prints {@code PRODUCED n}; at
 * the end prints {@code PRODUCED_ALL n} and waits for {@code STOP}.
 */
final class ProduceNode implements NodeRole {

    @Override
    public void run(NodeContext context) throws Exception {
        int customers = context.settings().integer("customers", 200);
        Rapport rapport = Rapport.builder().storage(context.storage())
                .eventPublisher(new RecordingPublisher(context, Duration.ZERO)).build();
        rapport.outboxRelay().ifPresent(OutboxRelay::close);
        context.ready();
        context.awaitGo();
        for (int i = 0; i < customers && !context.stopRequested(); i++) {
            Customer customer = rapport.customers().register(RegisterCustomer.builder().name("Customer " + i)
                    .identity(ContactIdentity.primary(Channel.EMAIL, "c" + i + "@example.com")).build());
            Case opened = rapport.cases().open(OpenCase.builder().customerId(customer.id())
                    .subject("Parcel " + i).originChannel(Channel.EMAIL).build());
            rapport.cases().startWork(opened.id());
            rapport.cases().resolve(opened.id());
            context.out("PRODUCED " + (i + 1));
        }
        context.out("PRODUCED_ALL " + customers);
        context.awaitStop();
        rapport.close();
    }
}
