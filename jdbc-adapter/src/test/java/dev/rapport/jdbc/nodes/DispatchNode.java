package dev.rapport.jdbc.nodes;

import dev.rapport.Rapport;
import dev.rapport.followup.SendWindow;

/**
 * A node that sends due follow-ups: a {@link Rapport} over the test's tables whose messenger is a
 * {@link RecordingMessenger}, with its follow-up dispatcher started in the background on {@code GO} and closed on
 * {@code STOP}. Settings: {@code batchSize} (default 50), {@code threads} (1), {@code leaseMillis} (3,000),
 * {@code pollMillis} (200), {@code sendDelayMillis} (1). The dispatcher's owner is the node's name; sends are
 * allowed at any time of day, so the time the test runs at changes nothing.
 */
final class DispatchNode implements NodeRole {

    @Override
    public void run(NodeContext context) throws Exception {
        Settings settings = context.settings();
        RecordingMessenger messenger = new RecordingMessenger(context, settings.millis("sendDelayMillis", 1));
        Rapport rapport = Rapport.builder().storage(context.storage()).messenger(messenger)
                .sendWindow(SendWindow.anyTime())
                .followUpDispatcher(dispatcher -> dispatcher.owner(context.name())
                        .batchSize(settings.integer("batchSize", 50))
                        .threads(settings.integer("threads", 1))
                        .lease(settings.millis("leaseMillis", 3_000))
                        .pollInterval(settings.millis("pollMillis", 200))
                        .jitter(0))
                .build();
        context.ready();
        context.awaitGo();
        if (!context.stopRequested()) {
            rapport.followUpDispatcher().start();
            context.out("STARTED");
            context.awaitStop();
        }
        rapport.close();
        context.out("STOPPED");
    }
}
