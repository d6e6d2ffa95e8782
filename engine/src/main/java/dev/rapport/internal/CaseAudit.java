package dev.rapport.internal;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.audit.TrailAction;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import java.time.Instant;

/**
 * Records in a case's audit trail what one change did, by comparing the case before and after, so that every path
 * that changes a case (its service, routing, automation rules, complaint hooks) records the same way: assignee,
 * priority, team, tags, custom fields (by name, never their values) and snoozes. Status moves are not recorded
 * here: the case's own history keeps them with their actor. Stateless and thread-safe.
 */
public final class CaseAudit {

    private CaseAudit() {
    }

    /**
     * Appends, in the running transaction, one entry per kind of change between the two versions of a case.
     *
     * @param storage where the trail is kept
     * @param before the case as it was
     * @param after the case as it is now
     * @param at when the change happened
     * @param actor who made it
     */
    public static void record(RapportStorage storage, Case before, Case after, Instant at, Actor actor) {
        if (!before.assignee().equals(after.assignee()) && after.assignee().isPresent()) {
            log(storage, after, at, actor, before.assignee().isPresent() ? TrailAction.CASE_REASSIGNED
                    : TrailAction.CASE_ASSIGNED, before.assignee().map(Object::toString).orElse(null),
                    after.assignee().get().toString(), null);
        }
        if (before.priority() != after.priority()) {
            log(storage, after, at, actor, TrailAction.PRIORITY_CHANGED, before.priority().name(),
                    after.priority().name(), null);
        }
        if (!before.team().equals(after.team())) {
            log(storage, after, at, actor, TrailAction.TEAM_CHANGED, before.team().map(Object::toString)
                    .orElse(null), after.team().map(Object::toString).orElse(null), null);
        }
        if (!before.tags().equals(after.tags())) {
            log(storage, after, at, actor, TrailAction.CASE_TAGS_CHANGED,
                    AuditLog.missingFrom(before.tags(), after.tags()), AuditLog.missingFrom(after.tags(),
                            before.tags()), null);
        }
        if (!before.fields().equals(after.fields())) {
            log(storage, after, at, actor, TrailAction.CASE_FIELDS_CHANGED, null, null,
                    AuditLog.changedFields(before.fields(), after.fields()));
        }
        if (!before.snoozedUntil().equals(after.snoozedUntil())) {
            String was = before.snoozedUntil().map(Object::toString).orElse(null);
            if (after.snoozedUntil().isPresent()) {
                log(storage, after, at, actor, TrailAction.SNOOZED, was, after.snoozedUntil().get().toString(),
                        null);
            } else {
                log(storage, after, at, actor, TrailAction.UNSNOOZED, was, null, null);
            }
        }
    }

    /**
     * Records that the capacity an agent held for a case was given back.
     *
     * @param storage where the trail is kept
     * @param supportCase the case
     * @param agent the agent's id, as text
     * @param at when
     * @param actor who released it
     */
    public static void released(RapportStorage storage, dev.rapport.spi.cases.CaseId supportCase, String agent,
            Instant at, Actor actor) {
        AuditLog.supportCase(storage, supportCase, at, actor, TrailAction.CASE_RELEASED, agent, null, null);
    }

    private static void log(RapportStorage storage, Case supportCase, Instant at, Actor actor, TrailAction action,
            String from, String to, String detail) {
        AuditLog.supportCase(storage, supportCase.id(), at, actor, action, from, to, detail);
    }
}
