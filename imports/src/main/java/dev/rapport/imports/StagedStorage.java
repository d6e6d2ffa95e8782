package dev.rapport.imports;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.Transactions;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.automation.AutomationFirings;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseNotFoundException;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerMerges;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.customer.HealthStandings;
import dev.rapport.spi.audit.AuditTrails;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.field.TagsAndFields;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.interaction.DuplicateExternalIdException;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.spi.routing.RoutingRepository;
import dev.rapport.spi.validation.ValueDomain;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The storage the bulk path's services write to while they import one chunk of rows: the new customers, cases,
 * interactions and feedback of the chunk (and changes to customers stored before) are kept in memory, where the
 * services read them back, and {@link #flush() flushed} to the real storage with its bulk operations once the chunk
 * is done, inside the chunk's transaction. A row's transaction is a mark in an undo log: a row that fails leaves
 * nothing staged. The customers holding the chunk's addresses and the tickets imported before are looked up for the
 * whole chunk at once ({@link #prefetch}); everything else goes to the real storage.
 *
 * <p>Covers exactly what an import's rows do; a call the import never makes on a staged repository (listing, paging,
 * redaction) fails with {@link UnsupportedOperationException} rather than answer without the staged rows. Not
 * thread-safe: one per run.
 */
final class StagedStorage implements RapportStorage {

    /** The channels a phone number is looked up on, as customer resolution does. */
    static final List<Channel> PHONE_CHANNELS = List.of(Channel.PHONE, Channel.WHATSAPP, Channel.SMS);

    private final RapportStorage delegate;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private int depth;

    private final Map<CustomerId, Customer> newCustomers = new LinkedHashMap<>();
    /** Customers stored before the chunk and changed in it: their current state. */
    private final Map<CustomerId, Customer> changedCustomers = new LinkedHashMap<>();
    /** The version each changed customer had in storage. */
    private final Map<CustomerId, Long> storedVersions = new HashMap<>();
    /** Identity key to holder, for staged customers; a null holder hides what the prefetch found. */
    private final Map<String, CustomerId> stagedIdentities = new HashMap<>();
    /** Identity key to the stored holder, as looked up for the chunk (empty: nobody). */
    private final Map<String, Optional<CustomerId>> storedIdentities = new HashMap<>();
    private final Map<CustomerId, Customer> storedCustomers = new HashMap<>();

    private final Map<CaseId, Case> newCases = new LinkedHashMap<>();
    private final Map<InteractionId, Interaction> newInteractions = new LinkedHashMap<>();
    private final Map<String, InteractionId> newExternalIds = new HashMap<>();
    /** External ids looked up for the chunk and not stored. */
    private final Set<String> absentExternalIds = new HashSet<>();
    private final Map<FeedbackId, Feedback> newFeedback = new LinkedHashMap<>();
    private final Map<AgentId, Optional<Agent>> agentsById = new HashMap<>();

    private final CustomerRepository customers;
    private final CaseRepository cases;
    private final InteractionRepository interactions;
    private final FeedbackRepository feedback;
    private final AgentRepository agents;
    private final FollowUpRepository followUps;
    private final AuditTrails auditTrails;
    /** The audit entries the chunk's rows appended, in append order, written after the records they are about. */
    private final Map<UUID, TrailEntry> newTrail = new LinkedHashMap<>();
    private final Transactions transactions = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            int mark = undo.size();
            depth++;
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                while (undo.size() > mark) {
                    undo.pop().run();
                }
                throw e;
            } finally {
                depth--;
            }
        }
    };

    StagedStorage(RapportStorage delegate) {
        this.delegate = delegate;
        customers = stage(CustomerRepository.class, delegate.customers(), Map.of(
                "insert", a -> insertCustomer((Customer) a[0]),
                "update", a -> updateCustomer((Customer) a[0]),
                "findById", a -> findCustomer((CustomerId) a[0]),
                "findByIdentity", a -> findByIdentity((Channel) a[0], (String) a[1])));
        cases = stage(CaseRepository.class, delegate.cases(), Map.of(
                "insert", a -> insertCase((Case) a[0]),
                "update", a -> updateCase((Case) a[0]),
                "findById", a -> Optional.ofNullable(newCases.get((CaseId) a[0]))
                        .or(() -> delegate.cases().findById((CaseId) a[0]))));
        interactions = stage(InteractionRepository.class, delegate.interactions(), Map.of(
                "insert", a -> insertInteraction((Interaction) a[0]),
                "findById", a -> Optional.ofNullable(newInteractions.get((InteractionId) a[0]))
                        .or(() -> delegate.interactions().findById((InteractionId) a[0])),
                "findByExternalId", a -> findByExternalId((String) a[0])));
        feedback = stage(FeedbackRepository.class, delegate.feedback(), Map.of(
                "insert", a -> insertFeedback((Feedback) a[0]),
                "findById", a -> Optional.ofNullable(newFeedback.get((FeedbackId) a[0]))
                        .or(() -> delegate.feedback().findById((FeedbackId) a[0]))));
        agents = cached(delegate.agents());
        followUps = followUpsOf(delegate.followUps());
        auditTrails = stage(AuditTrails.class, delegate.auditTrails(), Map.of(
                "append", a -> appendTrail((TrailEntry) a[0])));
    }

    // ------------------------------------------------------------------------------------------------- the chunk

    /**
     * Looks up, in one query per channel, who holds the chunk's addresses, and notes the external ids the chunk
     * found not stored. Forgets what an earlier chunk staged or looked up.
     */
    void prefetch(Collection<String> emails, Collection<String> phones, Collection<String> notImported) {
        clear();
        look(Channel.EMAIL, emails);
        for (Channel channel : PHONE_CHANNELS) {
            look(channel, phones);
        }
        absentExternalIds.addAll(notImported);
    }

    private void look(Channel channel, Collection<String> values) {
        if (values.isEmpty()) {
            return;
        }
        Map<String, Customer> found = delegate.customers().findAllByIdentity(channel, values);
        for (String value : values) {
            Customer holder = found.get(value);
            storedIdentities.put(key(channel, value), Optional.ofNullable(holder).map(Customer::id));
            if (holder != null) {
                storedCustomers.put(holder.id(), holder);
            }
        }
    }

    /** Writes what the chunk staged to the real storage with its bulk operations; call in its transaction. */
    void flush() {
        delegate.customers().insertAll(List.copyOf(newCustomers.values()));
        for (Customer changed : changedCustomers.values()) {
            delegate.customers().update(changed.withVersion(storedVersions.get(changed.id())));
        }
        delegate.cases().insertAll(List.copyOf(newCases.values()));
        delegate.interactions().insertAll(List.copyOf(newInteractions.values()));
        delegate.feedback().insertAll(List.copyOf(newFeedback.values()));
        delegate.auditTrails().appendAll(List.copyOf(newTrail.values()));
    }

    /** Forgets everything staged and looked up. */
    void clear() {
        undo.clear();
        newCustomers.clear();
        changedCustomers.clear();
        storedVersions.clear();
        stagedIdentities.clear();
        storedIdentities.clear();
        storedCustomers.clear();
        newCases.clear();
        newInteractions.clear();
        newExternalIds.clear();
        absentExternalIds.clear();
        newFeedback.clear();
        newTrail.clear();
    }

    /** Whether nothing is staged. */
    boolean isEmpty() {
        return newCustomers.isEmpty() && changedCustomers.isEmpty() && newCases.isEmpty()
                && newInteractions.isEmpty() && newFeedback.isEmpty() && newTrail.isEmpty();
    }

    // ------------------------------------------------------------------------------------------------- customers

    private static String key(Channel channel, String value) {
        return channel.code() + '\u0000' + ContactIdentity.normalize(channel, value);
    }

    private static String key(Customer holder, ContactIdentity identity) {
        return identity.channel().code() + '\u0000' + holder.normalFormOf(identity);
    }

    private Optional<Customer> findCustomer(CustomerId id) {
        Customer staged = newCustomers.get(id);
        if (staged == null) {
            staged = changedCustomers.get(id);
        }
        if (staged == null) {
            staged = storedCustomers.get(id);
        }
        if (staged != null) {
            return Optional.of(staged);
        }
        Optional<Customer> stored = delegate.customers().findById(id);
        stored.ifPresent(c -> storedCustomers.put(c.id(), c));
        return stored;
    }

    private Optional<Customer> findByIdentity(Channel channel, String value) {
        if (channel == null || value == null) {
            return Optional.empty();
        }
        Optional<CustomerId> holder = holderOf(key(channel, value), () -> delegate.customers()
                .findByIdentity(channel, value));
        return holder.flatMap(this::findCustomer);
    }

    /** The holder of an identity key: staged first, then as looked up, else asked of the real storage. */
    private Optional<CustomerId> holderOf(String key, Supplier<Optional<Customer>> ask) {
        if (stagedIdentities.containsKey(key)) {
            return Optional.ofNullable(stagedIdentities.get(key));
        }
        Optional<CustomerId> stored = storedIdentities.get(key);
        if (stored == null) {
            Optional<Customer> found = ask.get();
            found.ifPresent(c -> storedCustomers.put(c.id(), c));
            stored = found.map(Customer::id);
            storedIdentities.put(key, stored);
        }
        return stored;
    }

    private void checkIdentities(Customer customer) {
        for (ContactIdentity identity : customer.identities()) {
            Optional<CustomerId> holder = holderOf(key(customer, identity), () -> delegate.customers()
                    .findByIdentity(identity.channel(), customer.normalFormOf(identity)));
            if (holder.isPresent() && !holder.get().equals(customer.id())) {
                throw new ContactIdentityConflictException(identity, holder.get());
            }
        }
    }

    private void indexIdentities(Customer before, Customer after) {
        List<String> keys = new ArrayList<>();
        if (before != null) {
            before.identities().forEach(identity -> keys.add(key(before, identity)));
        }
        after.identities().forEach(identity -> keys.add(key(after, identity)));
        for (String key : keys) {
            boolean had = stagedIdentities.containsKey(key);
            CustomerId previous = stagedIdentities.get(key);
            undo.push(() -> {
                if (had) {
                    stagedIdentities.put(key, previous);
                } else {
                    stagedIdentities.remove(key);
                }
            });
        }
        if (before != null) {
            before.identities().forEach(identity -> stagedIdentities.put(key(before, identity), null));
        }
        after.identities().forEach(identity -> stagedIdentities.put(key(after, identity), after.id()));
    }

    private Customer insertCustomer(Customer customer) {
        ValueDomain.check(customer);
        Objects.requireNonNull(customer, "customer");
        TagsAndFields.check("Customer", customer.tags(), customer.fields());
        if (newCustomers.containsKey(customer.id()) || changedCustomers.containsKey(customer.id())
                || storedCustomers.containsKey(customer.id())) {
            throw DuplicateEntityException.ofId("customer", customer.id()); // a stored one fails the bulk insert
        }
        checkIdentities(customer);
        Customer stored = customer.withVersion(1);
        put(newCustomers, stored.id(), stored);
        indexIdentities(null, stored);
        return stored;
    }

    private Customer updateCustomer(Customer customer) {
        ValueDomain.check(customer);
        Objects.requireNonNull(customer, "customer");
        TagsAndFields.check("Customer", customer.tags(), customer.fields());
        Customer current = findCustomer(customer.id()).orElseThrow(() -> new CustomerNotFoundException(customer.id()));
        if (current.version() != customer.version()) {
            throw new StaleVersionException("customer", customer.id(), customer.version());
        }
        checkIdentities(customer);
        Customer stored = customer.withVersion(current.version() + 1);
        if (newCustomers.containsKey(stored.id())) {
            put(newCustomers, stored.id(), stored);
        } else {
            if (!storedVersions.containsKey(stored.id())) {
                storedVersions.put(stored.id(), current.version());
                undo.push(() -> storedVersions.remove(stored.id()));
            }
            put(changedCustomers, stored.id(), stored);
        }
        indexIdentities(current, stored);
        return stored;
    }

    // --------------------------------------------------------------------------------------------- the rest

    private Case insertCase(Case supportCase) {
        ValueDomain.check(supportCase);
        Objects.requireNonNull(supportCase, "supportCase");
        TagsAndFields.check("Case", supportCase.tags(), supportCase.fields());
        if (newCases.containsKey(supportCase.id())) { // a clash with a stored id fails the chunk's bulk insert
            throw DuplicateEntityException.ofId("case", supportCase.id());
        }
        Case stored = supportCase.withVersion(1);
        put(newCases, stored.id(), stored);
        return stored;
    }

    private Case updateCase(Case supportCase) {
        ValueDomain.check(supportCase);
        Objects.requireNonNull(supportCase, "supportCase");
        TagsAndFields.check("Case", supportCase.tags(), supportCase.fields());
        Case current = newCases.get(supportCase.id());
        if (current == null) {
            if (delegate.cases().findById(supportCase.id()).isEmpty()) {
                throw new CaseNotFoundException(supportCase.id());
            }
            throw new UnsupportedOperationException("an import changes only the cases it opens");
        }
        if (current.version() != supportCase.version()) {
            throw new StaleVersionException("case", supportCase.id(), supportCase.version());
        }
        Case stored = supportCase.withVersion(current.version() + 1);
        put(newCases, stored.id(), stored);
        return stored;
    }

    private Optional<Interaction> findByExternalId(String externalId) {
        if (externalId == null) {
            return Optional.empty();
        }
        InteractionId staged = newExternalIds.get(externalId);
        if (staged != null) {
            return Optional.of(newInteractions.get(staged));
        }
        if (absentExternalIds.contains(externalId)) {
            return Optional.empty();
        }
        return delegate.interactions().findByExternalId(externalId);
    }

    private Interaction insertInteraction(Interaction interaction) {
        ValueDomain.check(interaction);
        Objects.requireNonNull(interaction, "interaction");
        if (newInteractions.containsKey(interaction.id())) {
            throw DuplicateEntityException.ofId("interaction", interaction.id());
        }
        Optional<String> externalId = interaction.externalId();
        if (externalId.isPresent()) {
            Optional<Interaction> holder = findByExternalId(externalId.get());
            if (holder.isPresent()) {
                throw new DuplicateExternalIdException(externalId.get(), holder.get().id());
            }
            put(newExternalIds, externalId.get(), interaction.id());
        }
        put(newInteractions, interaction.id(), interaction);
        return interaction;
    }

    private Feedback insertFeedback(Feedback response) {
        ValueDomain.check(response);
        Objects.requireNonNull(response, "feedback");
        if (newFeedback.containsKey(response.id())) {
            throw DuplicateEntityException.ofId("feedback", response.id());
        }
        put(newFeedback, response.id(), response);
        return response;
    }

    private TrailEntry appendTrail(TrailEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (newTrail.containsKey(entry.id())) {
            throw DuplicateEntityException.ofId("audit trail entry", entry.id());
        }
        put(newTrail, entry.id(), entry);
        return entry;
    }

    /** Puts a value, and notes in the undo log how to take it back. */
    private <K, V> void put(Map<K, V> map, K key, V value) {
        boolean had = map.containsKey(key);
        V previous = map.put(key, value);
        undo.push(() -> {
            if (had) {
                map.put(key, previous);
            } else {
                map.remove(key);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    /** A repository answering the given methods from the stage; default methods run on it, others fail. */
    private static <R> R stage(Class<R> type, R real, Map<String, java.util.function.Function<Object[], Object>> staged) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(real, args);
            }
            java.util.function.Function<Object[], Object> answer = staged.get(method.getName());
            if (answer != null) {
                return answer.apply(args);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName()
                    + " is not on an import's path");
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** The follow-ups; a customer registered in the chunk has none, which needs no query. */
    private FollowUpRepository followUpsOf(FollowUpRepository real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("findByCustomer") && args != null && args.length == 2
                    && args[0] instanceof CustomerId id && newCustomers.containsKey(id)
                    && args[1] instanceof PageRequest page) {
                return Page.empty(page);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (FollowUpRepository) Proxy.newProxyInstance(FollowUpRepository.class.getClassLoader(),
                new Class<?>[] {FollowUpRepository.class}, handler);
    }

    /** The agents, with look-ups by id remembered for the run (an import does not change agents). */
    private AgentRepository cached(AgentRepository real) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("findById") && args != null && args.length == 1
                    && args[0] instanceof AgentId id) {
                Optional<Agent> known = agentsById.get(id);
                if (known == null) {
                    known = real.findById(id);
                    agentsById.put(id, known);
                }
                return known;
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (AgentRepository) Proxy.newProxyInstance(AgentRepository.class.getClassLoader(),
                new Class<?>[] {AgentRepository.class}, handler);
    }

    @Override
    public CustomerRepository customers() {
        return customers;
    }

    @Override
    public InteractionRepository interactions() {
        return interactions;
    }

    @Override
    public CaseRepository cases() {
        return cases;
    }

    @Override
    public FeedbackRepository feedback() {
        return feedback;
    }

    @Override
    public FollowUpRepository followUps() {
        return followUps;
    }

    @Override
    public AgentRepository agents() {
        return agents;
    }

    @Override
    public ComplaintRepository complaints() {
        return delegate.complaints();
    }

    @Override
    public RoutingRepository routing() {
        return delegate.routing();
    }

    @Override
    public CustomerMerges customerMerges() {
        return delegate.customerMerges();
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }

    @Override
    public AutomationFirings automationFirings() {
        return delegate.automationFirings();
    }

    @Override
    public HealthStandings healthStandings() {
        return delegate.healthStandings();
    }

    @Override
    public AuditTrails auditTrails() {
        return auditTrails;
    }
}
