package dev.rapport.jdbc;

import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.Channel;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Domain events for tests: one of every permitted type with every component set, and simple ones per aggregate. */
final class SampleEvents {

    private SampleEvents() {
    }

    /** One instance of every record {@link DomainEvent} permits, built from its components' types. */
    static List<DomainEvent> everyType(Random random, boolean withEmptyOptionals) {
        List<DomainEvent> out = new ArrayList<>();
        for (Class<?> type : DomainEvent.class.getPermittedSubclasses()) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = sample(components[i].getGenericType(), random, withEmptyOptionals);
            }
            try {
                out.add((DomainEvent) type.getDeclaredConstructor(types).newInstance(args));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static Object sample(Type type, Random random, boolean emptyOptionals) throws IllegalStateException {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return emptyOptionals ? Optional.empty() : Optional.of(sample(p.getActualTypeArguments()[0], random, false));
        }
        if (type instanceof ParameterizedType p && (p.getRawType() == List.class || p.getRawType() == Set.class)) {
            int size = emptyOptionals ? 0 : 3;
            Collection<Object> items = p.getRawType() == List.class ? new ArrayList<>() : new LinkedHashSet<>();
            for (int i = 0; i < size; i++) {
                items.add(sample(p.getActualTypeArguments()[0], random, false));
            }
            return items;
        }
        Class<?> c = (Class<?>) type;
        if (c == UUID.class) {
            return new UUID(random.nextLong(), random.nextLong());
        }
        if (c == Instant.class) {
            return Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000), random.nextInt(1_000_000) * 1_000L);
        }
        if (c == String.class) {
            return "text \"quoted\" ; -- 😀 " + random.nextInt();
        }
        if (c == int.class) {
            return random.nextInt(100);
        }
        if (c == Boolean.class || c == boolean.class) {
            return random.nextBoolean();
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (c == Channel.class) {
            return Channel.WHATSAPP;
        }
        if (c.getSimpleName().equals("FollowUpKind")) {
            return dev.rapport.spi.followup.FollowUpKind.CHECK_IN;
        }
        if (c.getSimpleName().equals("TeamId")) {
            return dev.rapport.spi.agent.TeamId.of("tier-1");
        }
        if (c == ComplaintReference.class) {
            return ComplaintReference.of("CMP", 2026, 1 + random.nextInt(1_000_000));
        }
        RecordComponent[] components = c.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = sample(components[i].getGenericType(), random, false);
        }
        try {
            return c.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event of the given customer, numbered in its text so order can be checked. */
    static DomainEvent ofCustomer(CustomerId customer, int n) {
        return new CustomerUpdated(UUID.randomUUID(), Instant.EPOCH.plusSeconds(n), customer);
    }

    /** An event of a case. */
    static DomainEvent ofCase(CaseId caseId) {
        return new CaseOpened(UUID.randomUUID(), Instant.EPOCH, caseId, CustomerId.random(), Priority.HIGH, Channel.CHAT);
    }

    /** An event carrying free text. */
    static DomainEvent withText(String text) {
        return new FollowUpCancelled(UUID.randomUUID(), Instant.EPOCH, dev.rapport.spi.followup.FollowUpId.random(), text);
    }
}
