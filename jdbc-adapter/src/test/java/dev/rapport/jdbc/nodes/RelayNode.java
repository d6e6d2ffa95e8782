package dev.rapport.jdbc.nodes;

import dev.rapport.outbox.OutboxRelay;

/**
 * A node that relays events from the outbox: an {@link OutboxRelay} over the test's outbox publishing to a
 * {@link RecordingPublisher}, started on {@code GO} and closed on {@code STOP}. The facade's own relay cannot be
 * given a lease today (it always claims for {@link OutboxRelay#DEFAULT_LEASE}, two minutes), so the node builds the
 * relay the facade would, with a short lease. Settings: {@code batchSize} (default 50), {@code leaseMillis}
 * (6,000), {@code publishTimeoutMillis} (3,000), {@code pollMillis} (100), {@code publishDelayMillis} (1). The
 * relay's owner is the node's name.
 */
final class RelayNode implements NodeRole {

    @Override
    public void run(NodeContext context) throws Exception {
        Settings settings = context.settings();
        OutboxRelay relay = OutboxRelay.builder().outbox(context.storage().outbox().orElseThrow())
                .publisher(new RecordingPublisher(context, settings.millis("publishDelayMillis", 1)))
                .owner(context.name())
                .batchSize(settings.integer("batchSize", 50))
                .lease(settings.millis("leaseMillis", 6_000))
                .publishTimeout(settings.millis("publishTimeoutMillis", 3_000))
                .pollInterval(settings.millis("pollMillis", 100))
                .build();
        context.ready();
        context.awaitGo();
        if (!context.stopRequested()) {
            relay.start();
            context.out("STARTED");
            context.awaitStop();
        }
        relay.close();
        context.out("STOPPED");
    }
}
