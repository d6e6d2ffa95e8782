package dev.rapport.jdbc.nodes;

import dev.rapport.Rapport;
import dev.rapport.Worker;
import dev.rapport.automation.Action;
import dev.rapport.automation.AutomationRule;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;

/**
 * A node that runs case automations: a {@link Rapport} over the test's tables with two rules and only the
 * {@link Worker#AUTOMATIONS} worker, started on {@code GO} and closed on {@code STOP}. The rules: {@code close
 * resolved} closes every resolved case; {@code flag open} raises every open case to HIGH and names the signal
 * {@code flagged}. Events stay in the outbox (no relay), where the harness's {@code appended_log} sees exactly the
 * committed ones. Settings: {@code intervalMillis} (default 100), the worker's interval.
 */
final class AutomateNode implements NodeRole {

    /** The rule that closes resolved cases. */
    static final AutomationRule CLOSE_RESOLVED = AutomationRule.builder("close resolved")
            .statuses(CaseStatus.RESOLVED).then(new Action.ChangeStatus(CaseStatus.CLOSED)).build();

    /** The rule that flags open cases. */
    static final AutomationRule FLAG_OPEN = AutomationRule.builder("flag open")
            .statuses(CaseStatus.OPEN).then(new Action.ChangePriority(Priority.HIGH), new Action.RaiseEvent("flagged"))
            .build();

    @Override
    public void run(NodeContext context) throws Exception {
        Rapport rapport = Rapport.builder().storage(context.storage())
                .automations(CLOSE_RESOLVED, FLAG_OPEN)
                .interval(Worker.AUTOMATIONS, context.settings().millis("intervalMillis", 100))
                .disable(Worker.OUTBOX_RELAY, Worker.FOLLOW_UP_DISPATCHER, Worker.COMPLAINT_SWEEP)
                .build();
        context.ready();
        context.awaitGo();
        if (!context.stopRequested()) {
            rapport.start();
            context.out("STARTED " + rapport.runningWorkers());
            context.awaitStop();
        }
        rapport.close();
        context.out("STOPPED");
    }
}
