package dev.rapport.customer;

import dev.rapport.internal.AuditLog;
import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.audit.TrailAction;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records in a customer's audit trail what one change did, by comparing the customer before and after, so that every
 * command (and a merge) is recorded the same way: addresses added and removed, consents, tags, custom fields, the own
 * agent, and which other details changed (by name, never their values). Stateless and thread-safe.
 */
final class CustomerAudit {

    private CustomerAudit() {
    }

    /**
     * Appends, in the running transaction, one entry per kind of change between the two versions of a customer.
     *
     * @param storage where the trail is kept
     * @param before the customer as it was
     * @param after the customer as it is now
     * @param at when the change happened
     * @param actor who made it
     */
    static void record(RapportStorage storage, Customer before, Customer after, Instant at, Actor actor) {
        identities(storage, before, after, at, actor);
        Set<Channel> channels = new TreeSet<>(java.util.Comparator.comparing(Channel::code));
        channels.addAll(before.consents().keySet());
        channels.addAll(after.consents().keySet());
        for (Channel channel : channels) {
            ConsentStatus was = before.consents().get(channel);
            ConsentStatus is = after.consents().get(channel);
            if (!Objects.equals(was, is)) {
                log(storage, after, at, actor, TrailAction.CONSENT_CHANGED,
                        was == null ? null : channel.code() + ":" + was, is == null ? null : channel.code() + ":" + is,
                        null);
            }
        }
        if (!before.tags().equals(after.tags())) {
            log(storage, after, at, actor, TrailAction.CUSTOMER_TAGS_CHANGED,
                    AuditLog.missingFrom(before.tags(), after.tags()), AuditLog.missingFrom(after.tags(),
                            before.tags()), null);
        }
        if (!before.fields().equals(after.fields())) {
            log(storage, after, at, actor, TrailAction.CUSTOMER_FIELDS_CHANGED, null, null,
                    AuditLog.changedFields(before.fields(), after.fields()));
        }
        if (!before.ownAgent().equals(after.ownAgent())) {
            log(storage, after, at, actor, TrailAction.OWN_AGENT_SET, before.ownAgent().map(Object::toString)
                    .orElse(null), after.ownAgent().map(Object::toString).orElse(null), null);
        }
        List<String> details = changedDetails(before, after);
        if (!details.isEmpty()) {
            log(storage, after, at, actor, TrailAction.PROFILE_CHANGED, null, null, String.join(", ", details));
        }
    }

    /** The names of the details (beyond identities, consents, tags, fields and own agent) that differ. */
    private static List<String> changedDetails(Customer before, Customer after) {
        Map<String, Object[]> details = new LinkedHashMap<>();
        details.put("name", new Object[] {before.name(), after.name()});
        details.put("preferredChannel", new Object[] {before.preferredChannel(), after.preferredChannel()});
        details.put("locale", new Object[] {before.locale(), after.locale()});
        details.put("timeZone", new Object[] {before.timeZone(), after.timeZone()});
        details.put("birthday", new Object[] {before.birthday(), after.birthday()});
        details.put("segment", new Object[] {before.segment(), after.segment()});
        details.put("status", new Object[] {before.status(), after.status()});
        details.put("acquisitionCost", new Object[] {before.acquisitionCost(), after.acquisitionCost()});
        details.put("attributes", new Object[] {before.attributes(), after.attributes()});
        details.put("churnReason", new Object[] {before.churnReason(), after.churnReason()});
        details.put("createdAt", new Object[] {before.createdAt(), after.createdAt()});
        List<String> changed = new ArrayList<>();
        details.forEach((name, values) -> {
            if (!Objects.equals(values[0], values[1])) {
                changed.add(name);
            }
        });
        return changed;
    }

    private static void identities(RapportStorage storage, Customer before, Customer after, Instant at,
            Actor actor) {
        Map<String, ContactIdentity> was = byAddress(before);
        Map<String, ContactIdentity> is = byAddress(after);
        was.forEach((key, identity) -> {
            if (!is.containsKey(key)) {
                log(storage, after, at, actor, TrailAction.IDENTITY_REMOVED, address(identity), null, null);
            }
        });
        is.forEach((key, identity) -> {
            ContactIdentity old = was.get(key);
            if (old == null) {
                log(storage, after, at, actor, TrailAction.IDENTITY_ADDED, null, address(identity),
                        flags(identity));
            } else if (old.primary() != identity.primary() || old.verified() != identity.verified()) {
                log(storage, after, at, actor, TrailAction.IDENTITY_ADDED, address(old), address(identity),
                        flags(identity));
            }
        });
    }

    private static Map<String, ContactIdentity> byAddress(Customer customer) {
        Map<String, ContactIdentity> out = new LinkedHashMap<>();
        for (ContactIdentity identity : customer.identities()) {
            out.put(identity.channel().code() + "\n" + customer.normalFormOf(identity), identity);
        }
        return out;
    }

    /** An address as the trail keeps it: {@code channel:address}; erasure keeps the channel. */
    static String address(ContactIdentity identity) {
        return identity.channel().code() + ":" + identity.value();
    }

    private static String flags(ContactIdentity identity) {
        return "primary=" + identity.primary() + ", verified=" + identity.verified();
    }

    private static void log(RapportStorage storage, Customer customer, Instant at, Actor actor, TrailAction action,
            String from, String to, String detail) {
        AuditLog.customer(storage, customer.id(), at, actor, action, from, to, detail);
    }
}
