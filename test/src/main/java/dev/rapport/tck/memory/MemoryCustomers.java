package dev.rapport.tck.memory;

import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.field.TagsAndFields;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class MemoryCustomers implements CustomerRepository {

    private static final Comparator<Customer> ORDER =
            Comparator.comparing(Customer::createdAt).thenComparing(c -> c.id().value(), MemoryState.ID_ORDER);

    private final MemoryState state;
    private final Map<CustomerId, Customer> byId = new HashMap<>();
    private final Map<String, CustomerId> byIdentity = new HashMap<>();

    MemoryCustomers(MemoryState state) {
        this.state = state;
    }

    private static String key(Channel channel, String value) {
        return channel.code() + '\u0000' + ContactIdentity.normalize(channel, value);
    }

    private static String key(Customer holder, ContactIdentity identity) {
        return identity.channel().code() + '\u0000' + holder.normalFormOf(identity);
    }

    @Override
    public Customer insert(Customer customer) {
        ValueDomain.check(customer);
        Objects.requireNonNull(customer, "customer");
        TagsAndFields.check("Customer", customer.tags(), customer.fields());
        return state.inTransaction(() -> {
            if (byId.containsKey(customer.id())) {
                throw DuplicateEntityException.ofId("customer", customer.id());
            }
            checkIdentities(customer);
            Customer stored = customer.withVersion(1);
            state.put(byId, stored.id(), stored);
            indexIdentities(null, stored);
            return stored;
        });
    }

    @Override
    public Customer update(Customer customer) {
        ValueDomain.check(customer);
        Objects.requireNonNull(customer, "customer");
        TagsAndFields.check("Customer", customer.tags(), customer.fields());
        return state.inTransaction(() -> {
            Customer current = byId.get(customer.id());
            if (current == null) {
                throw new CustomerNotFoundException(customer.id());
            }
            if (current.version() != customer.version()) {
                throw new StaleVersionException("customer", customer.id(), customer.version());
            }
            checkIdentities(customer);
            Customer stored = customer.withVersion(current.version() + 1);
            state.put(byId, stored.id(), stored);
            indexIdentities(current, stored);
            return stored;
        });
    }

    private void checkIdentities(Customer customer) {
        for (ContactIdentity identity : customer.identities()) {
            CustomerId holder = byIdentity.get(key(customer, identity));
            if (holder != null && !holder.equals(customer.id())) {
                throw new ContactIdentityConflictException(identity, holder);
            }
        }
    }

    private void indexIdentities(Customer before, Customer after) {
        if (before != null) {
            for (ContactIdentity identity : before.identities()) {
                state.remove(byIdentity, key(before, identity));
            }
        }
        for (ContactIdentity identity : after.identities()) {
            state.put(byIdentity, key(after, identity), after.id());
        }
    }

    @Override
    public Map<CustomerId, Customer> findAllById(Collection<CustomerId> ids) {
        Objects.requireNonNull(ids, "ids");
        ids.forEach(id -> Objects.requireNonNull(id, "id"));
        return state.locked(() -> {
            Map<CustomerId, Customer> found = new HashMap<>();
            for (CustomerId id : ids) {
                Customer customer = byId.get(id);
                if (customer != null) {
                    found.put(id, customer);
                }
            }
            return found;
        });
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return state.locked(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<Customer> findByIdentity(Channel channel, String value) {
        if (channel == null || value == null) {
            return Optional.empty();
        }
        return state.locked(() -> Optional.ofNullable(byIdentity.get(key(channel, value))).map(byId::get));
    }

    @Override
    public Page<Customer> list(PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), c -> true, ORDER, page));
    }

    @Override
    public long count() {
        return state.locked(() -> (long) byId.size());
    }

    @Override
    public java.util.List<Customer> listAfter(java.util.Optional<CustomerId> after, int limit) {
        java.util.Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > dev.rapport.spi.PageRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + dev.rapport.spi.PageRequest.MAX_LIMIT);
        }
        return state.locked(() -> byId.values().stream()
                .filter(c -> after.isEmpty() || MemoryState.ID_ORDER.compare(c.id().value(), after.get().value()) > 0)
                .sorted(Comparator.comparing(c -> c.id().value(), MemoryState.ID_ORDER)).limit(limit).toList());
    }

    /** Removes a customer and its identities; for {@code CustomerMerges.retire}. Call in a transaction. */
    void remove(CustomerId id) {
        Customer current = byId.get(id);
        if (current == null) {
            throw new CustomerNotFoundException(id);
        }
        for (ContactIdentity identity : current.identities()) {
            state.remove(byIdentity, key(current, identity));
        }
        state.remove(byId, id);
    }

    @Override
    public Page<Customer> findByTag(String tag, PageRequest page) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(page, "page");
        return state.locked(() -> MemoryState.page(byId.values(), c -> c.tags().contains(tag), ORDER, page));
    }

    @Override
    public Page<Customer> findCreatedBetween(dev.rapport.spi.TimeRange created, PageRequest page) {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(page, "page");
        return state.locked(() -> MemoryState.page(byId.values(), c -> created.contains(c.createdAt()), ORDER, page));
    }
}
