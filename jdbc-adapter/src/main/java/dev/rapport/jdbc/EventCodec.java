package dev.rapport.jdbc;

import dev.rapport.spi.event.DomainEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes domain events as JSON text for the outbox and reads them back, exactly. Covers every record the sealed
 * {@link DomainEvent} permits: the payload is {@code {"event":"<record name>","v":1, <component>: <value>...}},
 * components by name, where UUIDs, instants (ISO-8601) and strings are JSON strings, ints are numbers, booleans
 * JSON booleans, enums their names, typed ids and codes (one-component records such as {@code CaseId} or
 * {@code Channel}) their single value, other records (such as {@code IssueKey}) objects of their components, lists
 * and sets arrays in their iteration order, and an empty {@code Optional} is {@code null}. A permitted record with a component of another type fails when
 * this class loads, so a new event type cannot be stored half-encoded. Stateless and thread-safe.
 */
final class EventCodec {

    /** The payload format version written into every payload. */
    static final long FORMAT = 1;

    private static final Map<String, Class<?>> BY_NAME = new HashMap<>();

    static {
        for (Class<?> type : DomainEvent.class.getPermittedSubclasses()) {
            if (!type.isRecord()) {
                throw new IllegalStateException("event type " + type.getName() + " is not a record");
            }
            for (RecordComponent component : type.getRecordComponents()) {
                check(component.getGenericType(), type.getSimpleName() + "." + component.getName());
            }
            BY_NAME.put(type.getSimpleName(), type);
        }
    }

    private EventCodec() {
    }

    private static void check(Type type, String where) {
        if (type instanceof ParameterizedType p
                && (p.getRawType() == Optional.class || p.getRawType() == List.class || p.getRawType() == Set.class)) {
            check(p.getActualTypeArguments()[0], where);
            return;
        }
        if (type instanceof Class<?> c) {
            if (c == UUID.class || c == Instant.class || c == String.class || c == int.class || c == long.class
                    || c == boolean.class || c == Boolean.class || c.isEnum()) {
                return;
            }
            if (c.isRecord() && c.getRecordComponents().length == 1) {
                Class<?> inner = c.getRecordComponents()[0].getType();
                if (inner == UUID.class || inner == String.class) {
                    return;
                }
            }
            if (c.isRecord() && c.getRecordComponents().length > 1) {
                for (RecordComponent component : c.getRecordComponents()) {
                    check(component.getGenericType(), where + "." + component.getName());
                }
                return;
            }
        }
        throw new IllegalStateException("the outbox cannot encode " + where + " of type " + type.getTypeName());
    }

    /** The JSON payload of an event. */
    static String encode(DomainEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", event.getClass().getSimpleName());
        out.put("v", FORMAT);
        try {
            for (RecordComponent component : event.getClass().getRecordComponents()) {
                out.put(component.getName(), toJson(component.getAccessor().invoke(event)));
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read event " + event.getClass().getSimpleName(), e);
        }
        return Json.write(out);
    }

    private static Object toJson(Object value) throws IllegalAccessException, InvocationTargetException {
        if (value == null) {
            return null;
        }
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() ? toJson(optional.get()) : null;
        }
        if (value instanceof UUID || value instanceof Instant) {
            return value.toString();
        }
        if (value instanceof String || value instanceof Long || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> out = new ArrayList<>();
            for (Object item : collection) {
                out.add(toJson(item));
            }
            return out;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value.getClass().isRecord() && value.getClass().getRecordComponents().length == 1) {
            return toJson(value.getClass().getRecordComponents()[0].getAccessor().invoke(value));
        }
        if (value.getClass().isRecord()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                out.put(component.getName(), toJson(component.getAccessor().invoke(value)));
            }
            return out;
        }
        throw new IllegalStateException("cannot encode a " + value.getClass().getName());
    }

    /** The event a payload holds. */
    static DomainEvent decode(String payload) {
        Map<String, Object> in = Json.readObject(payload);
        String name = (String) in.get("event");
        Class<?> type = BY_NAME.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown event type in the outbox: " + name);
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = fromJson(in.get(components[i].getName()), components[i].getGenericType());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            return (DomainEvent) constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot rebuild event " + name, e);
        }
    }

    private static Object fromJson(Object value, Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return value == null ? Optional.empty() : Optional.of(fromJson(value, p.getActualTypeArguments()[0]));
        }
        if (type instanceof ParameterizedType p && (p.getRawType() == List.class || p.getRawType() == Set.class)) {
            Collection<Object> out = p.getRawType() == List.class ? new ArrayList<>() : new LinkedHashSet<>();
            for (Object item : (List<?>) value) {
                out.add(fromJson(item, p.getActualTypeArguments()[0]));
            }
            return out instanceof List<Object> list ? Collections.unmodifiableList(list)
                    : Collections.unmodifiableSet((Set<Object>) out);
        }
        Class<?> c = (Class<?>) type;
        if (value == null) {
            if (c.isPrimitive()) {
                throw new IllegalArgumentException("missing value for a " + c.getName());
            }
            return null;
        }
        if (c == UUID.class) {
            return UUID.fromString((String) value);
        }
        if (c == Instant.class) {
            return Instant.parse((String) value);
        }
        if (c == String.class) {
            return value;
        }
        if (c == int.class) {
            return Math.toIntExact((Long) value);
        }
        if (c == long.class || c == boolean.class || c == Boolean.class) {
            return value;
        }
        if (c.isEnum()) {
            return enumValue(c, (String) value);
        }
        RecordComponent[] components = c.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        if (components.length == 1) {
            types[0] = components[0].getType();
            args[0] = fromJson(value, components[0].getGenericType());
        } else {
            Map<?, ?> fields = (Map<?, ?>) value;
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = fromJson(fields.get(components[i].getName()), components[i].getGenericType());
            }
        }
        try {
            return c.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot rebuild a " + c.getSimpleName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }
}
