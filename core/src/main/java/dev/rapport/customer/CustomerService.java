package dev.rapport.customer;

import dev.rapport.field.FieldChecks;
import dev.rapport.field.FieldSchema;
import dev.rapport.field.FieldScope;
import dev.rapport.field.Tags;
import dev.rapport.spi.customer.CustomerMerge;
import dev.rapport.spi.customer.CustomerMergedException;
import dev.rapport.spi.validation.Limits;
import java.util.Set;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.internal.AuditLog;
import dev.rapport.internal.CommandValidator;
import dev.rapport.spi.audit.AuditSubject;
import dev.rapport.spi.audit.TrailAction;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.cases.Actor;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.Retry;
import static dev.rapport.internal.Arguments.requireArgument;
import static dev.rapport.internal.Arguments.requireLimit;
import dev.rapport.spi.Channel;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.event.CustomerRegistered;
import dev.rapport.spi.event.CustomerUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers customers, keeps their details, contact identities and consents, and finds a customer by any address
 * they are known by. Obtained from {@code Rapport#customers()}.
 *
 * <p><b>Identity resolution.</b> One person is one customer whatever the channel. Addresses are compared as
 * {@link ContactIdentity#normalize(Channel, String)} compares them: emails and handles case-insensitively, phone
 * numbers without spaces, dashes, dots, slashes and brackets. A telephone number is one identity across the
 * telephone channels (phone, SMS, WhatsApp): it belongs to at most one customer, and {@link #resolve} finds that
 * customer through any of them. An address held by another customer is refused with a
 * {@link ContactIdentityConflictException} naming the channel and the holder, never the address.
 *
 * <p><b>Updates</b> read the current version and apply the change to it; when another writer got there first
 * ({@link StaleVersionException}), the change is applied again to the new version, up to {@link #MAX_ATTEMPTS} times
 * in all. An update that changes nothing writes nothing and publishes nothing.
 *
 * <p><b>Who did what.</b> Every command says who acts (its {@code actor}, {@link Actor#system()} when the caller does
 * not say); each change is recorded in the customer's audit trail ({@link #auditTrail(CustomerId)}) in the
 * transaction of the change: registration, changed details (by name), addresses, consents, tags, custom fields (by
 * name), the own agent, merges. See {@code docs/customers.md}, "Who did what".
 *
 * <p>Every command is validated before anything is stored: a rejected command throws a {@link ValidationException}
 * naming every bad field, and changes nothing. Events ({@code CustomerRegistered}, {@code CustomerUpdated}) are
 * published after the change committed. Times come from the Rapport's clock, truncated to microseconds.
 *
 * <p>Thread-safe: immutable, and safe to share between threads.
 */
public final class CustomerService {

    /** How often an update is tried in all when other writers keep changing the same customer. */
    public static final int MAX_ATTEMPTS = 5;

    /** How many merges {@link #findFollowingMerges} follows from one id at most. */
    public static final int MAX_MERGE_HOPS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(CustomerService.class);

    /** The channels whose addresses are telephone numbers, in the order {@link #resolve} tries them. */
    private static final List<Channel> PHONE_CHANNELS = List.of(Channel.PHONE, Channel.WHATSAPP, Channel.SMS);

    private final RapportStorage storage;
    private final EngineRuntime runtime;
    private final CommandValidator validator;
    private final FieldSchema customFields;
    private final CustomerMerging merging;

    /**
     * Creates the service over the runtime a Rapport shares between its services: its storage, unit of work,
     * validator and clock. The facade's constructor: {@code Rapport} does this, hosts use
     * {@code Rapport#customers()}.
     *
     * @param runtime the shared runtime
     */
    public CustomerService(EngineRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.storage = runtime.storage();
        this.validator = runtime.commands();
        this.customFields = runtime.customFields();
        this.merging = new CustomerMerging(runtime);
    }

    /**
     * Registers a new customer with their addresses; publishes {@code CustomerRegistered}.
     *
     * @param command the new customer's name, addresses, consents and details
     * @return the customer as stored, with version 1
     * @throws ValidationException naming every bad field of the command
     * @throws ContactIdentityConflictException if another customer holds one of the addresses
     */
    public Customer register(RegisterCustomer command) {
        validator.check(command);
        CustomerId id = CustomerId.random();
        Customer stored = runtime.unitOfWork().run(events -> {
            Instant now = runtime.now();
            Customer customer = validator.check(Customer.builder()
                    .id(id)
                    .name(command.name())
                    .identities(command.identities())
                    .preferredChannel(command.preferredChannel().orElse(null))
                    .locale(command.locale())
                    .timeZone(command.timeZone())
                    .birthday(command.birthday().orElse(null))
                    .segment(command.segment().orElse(null))
                    .consents(command.consents())
                    .status(command.status())
                    .acquisitionCost(command.acquisitionCost().orElse(null))
                    .attributes(command.attributes())
                    .createdAt(now)
                    .updatedAt(now)
                    .build());
            requireIdentitiesFree(customer);
            Customer inserted = storage.customers().insert(customer);
            AuditLog.customer(storage, inserted.id(), now, command.actor(), TrailAction.CUSTOMER_REGISTERED, null,
                    null, null);
            events.add(new CustomerRegistered(UUID.randomUUID(), now, inserted.id()));
            return inserted;
        });
        LOG.debug("Registered customer {}", stored.id());
        return stored;
    }

    /**
     * Replaces the customer's details (not their identities or consents); publishes {@code CustomerUpdated} if
     * anything changed.
     *
     * @param command the customer and their new details
     * @return the customer as stored now
     * @throws ValidationException naming every bad field of the command
     * @throws CustomerNotFoundException if no customer has the id
     * @throws StaleVersionException if other writers changed the customer on every attempt
     */
    public Customer updateDetails(UpdateCustomerDetails command) {
        validator.check(command);
        return change(command.customerId(), command.actor(), current -> current.toBuilder()
                .name(command.name())
                .preferredChannel(command.preferredChannel().orElse(null))
                .locale(command.locale())
                .timeZone(command.timeZone())
                .birthday(command.birthday().orElse(null))
                .segment(command.segment().orElse(null))
                .status(command.status())
                .acquisitionCost(command.acquisitionCost().orElse(null))
                .attributes(command.attributes())
                .churnReason(command.churnReason().orElse(null))
                .build());
    }

    /**
     * Gives the customer one more address; see {@link AddContactIdentity} for how a known address and a new
     * primary one are handled. Publishes {@code CustomerUpdated} if anything changed.
     *
     * @param command the customer and the address to add
     * @return the customer as stored now
     * @throws ValidationException naming every bad field of the command, or {@code identities} when the customer
     *         would hold more addresses than allowed
     * @throws CustomerNotFoundException if no customer has the id
     * @throws ContactIdentityConflictException if another customer holds the address
     */
    public Customer addIdentity(AddContactIdentity command) {
        validator.check(command);
        ContactIdentity added = command.identity();
        return change(command.customerId(), command.actor(), current -> {
            List<ContactIdentity> identities = new ArrayList<>();
            boolean known = false;
            for (ContactIdentity existing : current.identities()) {
                if (sameAddress(current, existing, added)) {
                    known = true;
                    identities.add(new ContactIdentity(existing.channel(), existing.value(),
                            existing.primary() || added.primary(), existing.verified() || added.verified()));
                } else if (added.primary() && existing.primary() && existing.channel().equals(added.channel())) {
                    identities.add(new ContactIdentity(existing.channel(), existing.value(), false,
                            existing.verified()));
                } else {
                    identities.add(existing);
                }
            }
            if (!known) {
                identities.add(added);
            }
            return current.toBuilder().identities(identities).build();
        });
    }

    /**
     * Takes an address away from the customer; publishes {@code CustomerUpdated} if the customer had it.
     *
     * @param command the customer and the address to remove
     * @return the customer as stored now
     * @throws ValidationException naming every bad field of the command
     * @throws CustomerNotFoundException if no customer has the id
     */
    public Customer removeIdentity(RemoveContactIdentity command) {
        validator.check(command);
        ContactIdentity removed = ContactIdentity.of(command.channel(), command.address());
        return change(command.customerId(), command.actor(), current -> current.toBuilder()
                .identities(current.identities().stream().filter(i -> !sameAddress(current, i, removed)).toList())
                .build());
    }

    /**
     * Records the customer's consent on a channel; publishes {@code CustomerUpdated} if it changed.
     *
     * @param command the customer, the channel and the consent status
     * @return the customer as stored now
     * @throws ValidationException naming every bad field of the command
     * @throws CustomerNotFoundException if no customer has the id
     */
    public Customer setConsent(SetConsent command) {
        validator.check(command);
        return change(command.customerId(), command.actor(), current -> {
            Map<Channel, ConsentStatus> consents = new LinkedHashMap<>(current.consents());
            consents.put(command.channel(), command.consent());
            return current.toBuilder().consents(consents).build();
        });
    }

    /**
     * Names or clears the customer's own agent; publishes {@code CustomerUpdated} if it changed.
     *
     * @param command the customer and the agent to name, or none to clear it
     * @return the customer as stored now
     * @throws ValidationException naming every bad field of the command, or {@code agentId} if no such agent is
     *         registered
     * @throws CustomerNotFoundException if no customer has the id
     */
    public Customer setOwnAgent(SetOwnAgent command) {
        validator.check(command);
        if (command.agentId().isPresent() && storage.agents().findById(command.agentId().get()).isEmpty()) {
            throw ValidationException.of("SetOwnAgent", "agentId", "Exists", "must name a registered agent");
        }
        return change(command.customerId(), command.actor(), current -> current.toBuilder()
                .ownAgent(command.agentId().orElse(null)).build());
    }

    /**
     * Merges one customer into another in one transaction, because both are the same person; publishes
     * {@code CustomersMerged}, and {@code FollowUpCancelled} for each follow-up cancelled as a repeat.
     *
     * <ul>
     *   <li><b>Identities</b>: the merged customer's addresses join the surviving customer's. An address both hold
     *       (same normal form) is kept once, verified if either copy was. The surviving customer's primary address on
     *       a channel stays primary; the merged customer's primary becomes primary only on a channel where the
     *       surviving customer had none.</li>
     *   <li><b>Details</b>: the surviving customer's details win; empty ones (preferred channel, birthday, segment,
     *       acquisition cost, own agent) are filled from the merged customer; the earlier registration time is kept;
     *       attributes the survivor lacks are added while there is room. Consents are combined so that an opt-out on
     *       either side wins.</li>
     *   <li><b>Records</b>: interactions, cases, feedback, follow-ups and complaints move to the surviving customer,
     *       with their history, times and idempotency keys unchanged. A scheduled follow-up of the merged customer
     *       whose idempotency key, with the merged id read as the surviving id, is the key of a scheduled follow-up
     *       of the surviving customer (the same rule for the same occasion) is cancelled
     *       ({@code customer_merged}).</li>
     *   <li><b>Privacy</b>: legal holds are decided per record, so they travel with the records; erasing the
     *       surviving customer later erases the moved records too. An erased customer cannot be merged, in
     *       either role.</li>
     *   <li><b>The merged id</b>: the merged customer is removed and a merge record (when, by whom, from, into) is
     *       kept. {@link #get} with the merged id throws {@link CustomerMergedException} naming the survivor;
     *       {@link #find} finds nothing; {@link #findFollowingMerges} finds the survivor.</li>
     * </ul>
     *
     * @param command the customer to merge away and the customer to keep
     * @return the surviving customer as stored now
     * @throws ValidationException naming every bad field of the command, {@code merged} if it equals
     *         {@code into}, or either if that customer was erased; nothing is stored
     * @throws CustomerNotFoundException if either customer is not registered ({@link CustomerMergedException} if
     *         it was merged away)
     */
    public Customer merge(MergeCustomers command) {
        validator.check(command);
        if (command.merged().equals(command.into())) {
            throw ValidationException.of("MergeCustomers", "merged", "DifferentCustomer",
                    "must not be the customer merged into");
        }
        Customer merged = merging.merge(command);
        LOG.debug("Merged customer {} into {}", command.merged(), command.into());
        return merged;
    }

    /**
     * The customer with the id, or the customer it was merged into (following merges of merges), if any.
     *
     * @param customerId the id to look up, possibly one merged away
     * @return the customer with the id or the one it was merged into, or empty if neither is found within
     *        {@link #MAX_MERGE_HOPS} merges
     * @throws ValidationException naming {@code customerId} if it is null
     */
    public Optional<Customer> findFollowingMerges(CustomerId customerId) {
        requireArgument("findFollowingMerges", "customerId", customerId);
        CustomerId id = customerId;
        for (int hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
            Optional<Customer> found = storage.customers().findById(id);
            if (found.isPresent()) {
                return found;
            }
            Optional<CustomerMerge> merge = storage.customerMerges().findByMerged(id);
            if (merge.isEmpty()) {
                return Optional.empty();
            }
            id = merge.get().into();
        }
        return Optional.empty();
    }

    /**
     * The records of the customers merged into one, oldest first.
     *
     * @param customerId the surviving customer
     * @return the merges into that customer, oldest first; empty if none
     * @throws ValidationException naming {@code customerId} if it is null
     */
    public List<CustomerMerge> mergesInto(CustomerId customerId) {
        requireArgument("mergesInto", "customerId", customerId);
        return storage.customerMerges().findInto(customerId);
    }

    /**
     * The customer with the id, if registered.
     *
     * @param customerId the id to look up
     * @return the customer, or empty if none is registered under the id (also when it was merged away)
     * @throws ValidationException naming {@code customerId} if it is null
     */
    public Optional<Customer> find(CustomerId customerId) {
        requireArgument("find", "customerId", customerId);
        return storage.customers().findById(customerId);
    }

    /**
     * The customer with the id.
     *
     * @param customerId the id to look up
     * @return the registered customer
     * @throws ValidationException naming {@code customerId} if it is null
     * @throws CustomerNotFoundException if none is registered; a {@link CustomerMergedException} naming the
     *         surviving customer if the id was merged into another
     */
    public Customer get(CustomerId customerId) {
        requireArgument("get", "customerId", customerId);
        return merging.getFollowingNothing(customerId);
    }

    /**
     * The customer known by an address, in any formatting: first on the channel given; for a telephone number also
     * on the other telephone channels (phone, WhatsApp, SMS, in that order); for an address with an {@code @} on a
     * channel other than email, also as an email address. A blank or malformed address finds nobody.
     *
     * @param channel the channel the address came in on
     * @param address the address as received
     * @return the customer who holds the address, or empty if nobody does
     * @throws ValidationException naming {@code channel} or {@code address} if it is null
     */
    public Optional<Customer> resolve(Channel channel, String address) {
        List<ValidationException.Violation> violations = new ArrayList<>();
        if (channel == null) {
            violations.add(new ValidationException.Violation("channel", "NotNull", "must not be null"));
        }
        if (address == null) {
            violations.add(new ValidationException.Violation("address", "NotNull", "must not be null"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException("resolve", violations);
        }
        List<Channel> candidates = new ArrayList<>();
        candidates.add(channel);
        if (channel.isPhoneNumberBased()) {
            PHONE_CHANNELS.stream().filter(c -> !c.equals(channel)).forEach(candidates::add);
        } else if (!channel.equals(Channel.EMAIL) && address.indexOf('@') >= 0) {
            candidates.add(Channel.EMAIL);
        }
        for (Channel candidate : candidates) {
            Optional<Customer> found = storage.customers().findByIdentity(candidate, address);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * All customers, ordered by registration time, then id.
     *
     * @param page which page of customers to read, and its size
     * @return one page of customers, with whether more follow
     * @throws ValidationException naming {@code page} if it is null
     */
    public Page<Customer> list(PageRequest page) {
        requireArgument("list", "page", page);
        return storage.customers().list(page);
    }

    /**
     * Customers in id order after a given one: the way to walk every customer (an export, a sync), page after page by
     * key with {@link dev.rapport.spi.PageWalk#byKey}, each page found through the primary key however far the walk
     * has come. {@link #list(PageRequest)} pages by offset, for showing a page to a person; walked to the end, it
     * reads every earlier customer again for each page. Customers registered during a walk are seen if their id comes
     * after the walk's position.
     *
     * @param after the id of the last customer of the previous page; empty for the first page
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @return the customers whose id comes after {@code after}, in id order (unsigned, the order of their text)
     * @throws ValidationException naming {@code after} if it is null, or {@code limit} if it is out of range
     */
    public java.util.List<Customer> listAfter(Optional<CustomerId> after, int limit) {
        requireArgument("listAfter", "after", after);
        requireLimit("listAfter", limit);
        return storage.customers().listAfter(after, limit);
    }

    /**
     * How many customers are registered.
     *
     * @return the number of customers the storage holds now
     */
    public long count() {
        return storage.customers().count();
    }

    // --- who did what ---

    /**
     * A customer's audit trail: who changed what, and when, oldest first (entries of one change in the order they
     * were written). Kept for customers merged away too, under their own id. See {@code docs/customers.md}.
     *
     * @param customerId the customer
     * @param page which slice
     * @return the page of entries; empty for an id without any
     * @throws ValidationException naming the argument that is null
     */
    public Page<TrailEntry> auditTrail(CustomerId customerId, PageRequest page) {
        requireArgument("auditTrail", "customerId", customerId);
        requireArgument("auditTrail", "page", page);
        return storage.auditTrails().find(AuditSubject.of(customerId), page);
    }

    /**
     * A customer's whole audit trail, oldest first; see {@link #auditTrail(CustomerId, PageRequest)}.
     *
     * @param customerId the customer
     * @return every entry
     * @throws ValidationException naming {@code customerId} if it is null
     */
    public List<TrailEntry> auditTrail(CustomerId customerId) {
        requireArgument("auditTrail", "customerId", customerId);
        return AuditLog.all(storage, AuditSubject.of(customerId));
    }

    // --- end of who did what ---

    // --- tags and custom fields ---

    /**
     * Adds tags to a customer; tags they already carry stay. Publishes {@code CustomerUpdated} if anything changed.
     *
     * @param command the customer and the tags, normalised
     * @return the customer as stored now
     * @throws ValidationException naming every bad field of the command, or {@code tags} (rule {@code Size}) if the
     *         customer would carry more than {@value Limits#TAGS} tags
     * @throws CustomerNotFoundException if no customer has the id
     */
    public Customer addTags(CustomerTags command) {
        validator.check(command);
        return change(command.customerId(), command.actor(), current -> {
            java.util.Set<String> tags = new java.util.TreeSet<>(current.tags());
            tags.addAll(command.tags());
            FieldChecks.checkTagCount(CustomerTags.class.getSimpleName(), tags);
            return current.tags().equals(tags) ? current : current.toBuilder().tags(tags).build();
        });
    }

    /**
     * Removes tags from a customer; tags they do not carry are ignored. Publishes {@code CustomerUpdated} if anything
     * changed.
     *
     * @param command the customer and the tags, normalised
     * @return the customer as stored now
     * @throws ValidationException naming every bad field of the command
     * @throws CustomerNotFoundException if no customer has the id
     */
    public Customer removeTags(CustomerTags command) {
        validator.check(command);
        return change(command.customerId(), command.actor(), current -> {
            java.util.Set<String> tags = new java.util.TreeSet<>(current.tags());
            tags.removeAll(command.tags());
            return current.tags().equals(tags) ? current : current.toBuilder().tags(tags).build();
        });
    }

    /**
     * Sets and clears custom field values of a customer, checked against the host's schema. Publishes
     * {@code CustomerUpdated} if anything changed.
     *
     * @param command the customer, the values to set and the fields to clear
     * @return the customer as stored now
     * @throws ValidationException naming every bad field of the command and every value that does not fit its
     *         declared field ({@code fields[name]}, rules {@code Declared}, {@code Kind}, {@code Choice},
     *         {@code MaxLength})
     * @throws CustomerNotFoundException if no customer has the id
     */
    public Customer setFields(SetCustomerFields command) {
        validator.check(command);
        List<ValidationException.Violation> bad = FieldChecks.violations(customFields, FieldScope.CUSTOMER,
                command.values(), command.clear());
        if (!bad.isEmpty()) {
            throw new ValidationException(SetCustomerFields.class.getSimpleName(), bad);
        }
        return change(command.customerId(), command.actor(), current -> {
            Map<String, dev.rapport.spi.field.FieldValue> fields = new java.util.TreeMap<>(current.fields());
            command.clear().forEach(fields::remove);
            fields.putAll(command.values());
            return current.fields().equals(fields) ? current : current.toBuilder().fields(fields).build();
        });
    }

    /**
     * The customers carrying a tag (normalised first), ordered by creation time, then id.
     *
     * @param tag the tag
     * @param page which slice of the result
     * @return the page
     * @throws ValidationException naming the argument that is null
     */
    public Page<Customer> findByTag(String tag, PageRequest page) {
        requireArgument("findByTag", "tag", tag);
        requireArgument("findByTag", "page", page);
        return storage.customers().findByTag(Tags.normalise(tag), page);
    }

    // --- end of tags and custom fields ---

    /** Applies a change to the current version, retrying on stale versions; writes and publishes only a change. */
    private Customer change(CustomerId id, Actor actor, UnaryOperator<Customer> change) {
        return Retry.onStaleVersion(MAX_ATTEMPTS, "Customer " + id, () -> runtime.unitOfWork().run(events -> {
            Customer current = storage.customers().get(id);
            if (current.status() == CustomerStatus.ERASED) {
                // erasure is final: details, addresses or consents must not come back
                throw ValidationException.of("Customer", "customerId", "NotErased",
                        "belongs to an erased customer, whose personal data cannot be changed or restored");
            }
            Customer changed = change.apply(current);
            if (changed.equals(current)) {
                return current;
            }
            Instant now = runtime.now();
            Customer next = validator.check(changed.toBuilder().updatedAt(now).build());
            requireIdentitiesFree(next);
            Customer updated = storage.customers().update(next);
            CustomerAudit.record(storage, current, updated, now, actor);
            events.add(new CustomerUpdated(UUID.randomUUID(), now, updated.id()));
            return updated;
        }));
    }

    /** Refuses an address another customer holds, a telephone number on any telephone channel included. */
    private void requireIdentitiesFree(Customer customer) {
        for (ContactIdentity identity : customer.identities()) {
            List<Channel> channels = identity.channel().isPhoneNumberBased()
                    ? PHONE_CHANNELS : List.of(identity.channel());
            for (Channel channel : channels) {
                Optional<Customer> holder = storage.customers().findByIdentity(channel, customer.normalFormOf(identity));
                if (holder.isPresent() && !holder.get().id().equals(customer.id())) {
                    throw new ContactIdentityConflictException(identity, holder.get().id());
                }
            }
        }
    }

    private static boolean sameAddress(Customer holder, ContactIdentity a, ContactIdentity b) {
        return a.channel().equals(b.channel()) && holder.normalFormOf(a).equals(holder.normalFormOf(b));
    }
}
