package dev.rapport.customer;

import dev.rapport.followup.CancellationReason;
import dev.rapport.internal.AuditLog;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.audit.TrailAction;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerMerge;
import dev.rapport.spi.customer.CustomerMergedException;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.CustomersMerged;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.validation.Limits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * How {@link CustomerService#merge} merges one customer into another in one unit of work: the records move, the
 * trails record it, repeated follow-ups are cancelled and the details are combined, the survivor's winning. See
 * {@link CustomerService#merge} for the rules. Thread-safe: immutable.
 */
final class CustomerMerging {

    /** How many records of a merged customer are read per page while they move. */
    private static final int MERGE_PAGE = 500;

    private final EngineRuntime runtime;
    private final RapportStorage storage;

    CustomerMerging(EngineRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.storage = runtime.storage();
    }

    /** Merges a checked command's customer into the other one and returns the survivor as stored. */
    Customer merge(MergeCustomers command) {
        return runtime.unitOfWork().run(events -> {
            Customer into = getFollowingNothing(command.into());
            Customer from = getFollowingNothing(command.merged());
            requireNotErased(into, "into");
            requireNotErased(from, "merged");
            Instant now = runtime.now();
            cancelRepeatedFollowUps(events, from.id(), into.id(), now);
            Actor actor = Actor.hostUser(command.actor());
            recordMerge(from.id(), into.id(), now, actor);
            storage.customerMerges().reassign(from.id(), into.id());
            storage.customerMerges().retire(new CustomerMerge(from.id(), into.id(), now, command.actor()));
            storage.healthStandings().remove(from.id()); // the survivor's health is evaluated on its next round
            Customer next = runtime.commands().check(combine(into, from).updatedAt(now).build());
            Customer updated = storage.customers().update(next);
            CustomerAudit.record(storage, into, updated, now, actor);
            events.add(new CustomersMerged(UUID.randomUUID(), now, from.id(), into.id(), command.actor()));
            return updated;
        });
    }

    /**
     * Records a merge in the running transaction, before the records move: on both customers' trails, and on the
     * trail of each case that moves.
     */
    private void recordMerge(CustomerId from, CustomerId into, Instant now, Actor actor) {
        AuditLog.customer(storage, from, now, actor, TrailAction.MERGED, from.toString(), into.toString(), null);
        AuditLog.customer(storage, into, now, actor, TrailAction.MERGED, from.toString(), into.toString(), null);
        for (Case moved : PageWalk.byOffset(MERGE_PAGE, page -> storage.cases().findByCustomer(from, page))) {
            AuditLog.supportCase(storage, moved.id(), now, actor, TrailAction.MOVED_BY_MERGE, from.toString(),
                    into.toString(), null);
        }
    }

    /** The customer with the id, with a clear exception if it was merged away. */
    Customer getFollowingNothing(CustomerId id) {
        Optional<Customer> found = storage.customers().findById(id);
        if (found.isPresent()) {
            return found.get();
        }
        throw storage.customerMerges().findByMerged(id)
                .<CustomerNotFoundException>map(m -> new CustomerMergedException(id, m.into()))
                .orElseGet(() -> new CustomerNotFoundException(id));
    }

    private static void requireNotErased(Customer customer, String field) {
        if (customer.status() == CustomerStatus.ERASED) {
            throw ValidationException.of("MergeCustomers", field, "NotErased",
                    "is an erased customer, whose personal data cannot be merged or restored");
        }
    }

    private void cancelRepeatedFollowUps(List<DomainEvent> events, CustomerId from, CustomerId into, Instant now) {
        Set<Occasion> planned = new HashSet<>();
        scheduledFollowUps(into).forEach(f -> planned.add(Occasion.of(f)));
        for (FollowUp followUp : scheduledFollowUps(from)) {
            if (followUp.occasionDate().isPresent() && planned.contains(Occasion.of(followUp))) {
                FollowUp cancelled = storage.followUps().update(followUp.toBuilder()
                        .status(FollowUpStatus.CANCELLED).cancelReason(CancellationReason.CUSTOMER_MERGED.code())
                        .updatedAt(now).build());
                events.add(new FollowUpCancelled(UUID.randomUUID(), now, cancelled.id(),
                        CancellationReason.CUSTOMER_MERGED.code()));
            }
        }
    }

    /** The rule and date a follow-up was planned for: the survivor keeps one follow-up per occasion. */
    private record Occasion(java.util.Optional<String> rule, java.util.Optional<java.time.LocalDate> date) {
        static Occasion of(FollowUp followUp) {
            return new Occasion(followUp.ruleId(), followUp.occasionDate());
        }
    }

    private List<FollowUp> scheduledFollowUps(CustomerId customer) {
        List<FollowUp> out = new ArrayList<>();
        for (FollowUp followUp : PageWalk.byOffset(MERGE_PAGE,
                page -> storage.followUps().findByCustomer(customer, page))) {
            if (followUp.status() == FollowUpStatus.SCHEDULED) {
                out.add(followUp);
            }
        }
        return out;
    }

    private static Customer.Builder combine(Customer into, Customer from) {
        List<ContactIdentity> identities = new ArrayList<>(into.identities());
        for (ContactIdentity added : from.identities()) {
            boolean known = false;
            for (int i = 0; i < identities.size(); i++) {
                ContactIdentity existing = identities.get(i);
                if (existing.channel().equals(added.channel())
                        && into.normalFormOf(existing).equals(into.normalFormOf(added))) {
                    known = true;
                    identities.set(i, new ContactIdentity(existing.channel(), existing.value(), existing.primary(),
                            existing.verified() || added.verified()));
                }
            }
            if (!known) {
                boolean primaryFree = identities.stream()
                        .noneMatch(i -> i.primary() && i.channel().equals(added.channel()));
                identities.add(new ContactIdentity(added.channel(), added.value(), added.primary() && primaryFree,
                        added.verified()));
            }
        }
        Map<Channel, ConsentStatus> consents = new LinkedHashMap<>(from.consents());
        into.consents().forEach((channel, consent) -> consents.merge(channel, consent,
                (theirs, ours) -> theirs == ConsentStatus.OPTED_OUT ? theirs : ours));
        Map<String, String> attributes = new LinkedHashMap<>(into.attributes());
        for (Map.Entry<String, String> e : from.attributes().entrySet()) {
            if (attributes.size() < Limits.ATTRIBUTES) {
                attributes.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        // tags and custom fields: the survivor's values win; the merged customer's fill in while there is room
        java.util.Set<String> tags = new java.util.TreeSet<>(into.tags());
        from.tags().stream().sorted().forEach(tag -> {
            if (tags.size() < Limits.TAGS) {
                tags.add(tag);
            }
        });
        Map<String, dev.rapport.spi.field.FieldValue> fields = new java.util.TreeMap<>(into.fields());
        from.fields().forEach((name, value) -> {
            if (fields.size() < Limits.FIELDS) {
                fields.putIfAbsent(name, value);
            }
        });
        return into.toBuilder()
                .tags(tags)
                .fields(fields)
                .identities(identities)
                .preferredChannel(into.preferredChannel().or(from::preferredChannel).orElse(null))
                .birthday(into.birthday().or(from::birthday).orElse(null))
                .segment(into.segment().or(from::segment).orElse(null))
                .acquisitionCost(into.acquisitionCost().or(from::acquisitionCost).orElse(null))
                .ownAgent(into.ownAgent().or(from::ownAgent).orElse(null))
                .consents(consents)
                .attributes(attributes)
                .createdAt(from.createdAt().isBefore(into.createdAt()) ? from.createdAt() : into.createdAt());
    }
}
