package dev.rapport.spi.validation;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The value domain of instants and locales, checked without a Jakarta Validation implementation, so that a storage
 * adapter can refuse a value it could not keep exactly before it stores anything. It walks a record's components,
 * and the records, optionals, collections and map values inside them, and reports every instant outside
 * {@link Limits#isSupported(Instant)} (rule {@code "SupportedInstant"}) and every locale outside
 * {@link Limits#isSupported(Locale)} (rule {@code "LanguageTag"}), naming the field as a Jakarta validator would:
 * {@code "occurredAt"}, {@code "deadlines[*].dueAt"}, {@code "lastAssignedAt[*]"}. The rules are the same as
 * {@link SupportedInstant} and {@link LanguageTag}, which every spi record carries on those components.
 *
 * <p>Stateless and thread-safe.
 */
public final class ValueDomain {

    private static final String SUPPORTED_INSTANT =
            "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z in whole microseconds";
    private static final String LANGUAGE_TAG =
            "must be a canonical BCP 47 language tag of at most 35 characters that reads back as the same locale";
    private static final int MAX_DEPTH = 8;

    private ValueDomain() {
    }

    /**
     * Returns the value if every instant and locale in it is in the domain.
     *
     * @param value a record of the spi (an entity); null is returned unchecked
     * @param <T> its type
     * @return the same value
     * @throws ValidationException naming every field out of the domain, subject the record's simple class name
     */
    public static <T> T check(T value) {
        if (value == null) {
            return null;
        }
        List<Violation> violations = violations(value);
        if (!violations.isEmpty()) {
            throw new ValidationException(value.getClass().getSimpleName(), violations);
        }
        return value;
    }

    /**
     * Every instant and locale of the value outside the domain; empty if there is none.
     *
     * @param value a record, collection, optional, instant or locale
     * @return one violation per instant or locale outside the domain, naming its field; empty if the value is inside it
     */
    public static List<Violation> violations(Object value) {
        List<Violation> out = new ArrayList<>();
        walk(out, "", value, 0);
        return out;
    }

    private static void walk(List<Violation> out, String path, Object value, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Instant instant) {
            if (!Limits.isSupported(instant)) {
                out.add(new Violation(name(path), "SupportedInstant", SUPPORTED_INSTANT));
            }
        } else if (value instanceof Locale locale) {
            if (!Limits.isSupported(locale)) {
                out.add(new Violation(name(path), "LanguageTag", LANGUAGE_TAG));
            }
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(inner -> walk(out, path, inner, depth + 1));
        } else if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                walk(out, path + "[*]", element, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                walk(out, path + "[*]", element, depth + 1);
            }
        } else if (value instanceof Record record) {
            for (Component component : COMPONENTS.get(record.getClass())) {
                walk(out, path.isEmpty() ? component.name() : path + "." + component.name(),
                        component.read(record), depth + 1);
            }
        }
    }

    private static String name(String path) {
        return path.isEmpty() ? "value" : path;
    }

    /** A record class's components and their accessors, looked up and made accessible once per class. */
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Component[] out = new Component[components == null ? 0 : components.length];
            for (int i = 0; i < out.length; i++) {
                Method accessor = components[i].getAccessor();
                boolean accessible;
                try {
                    accessor.setAccessible(true);
                    accessible = true;
                } catch (RuntimeException e) {
                    accessible = false; // read as null, as before
                }
                out[i] = new Component(components[i].getName(), accessible ? accessor : null);
            }
            return out;
        }
    };

    /** One component of a record class: its name and its accessor (null if it cannot be read). */
    private record Component(String name, Method accessor) {
        Object read(Record record) {
            if (accessor == null) {
                return null;
            }
            try {
                return accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                return null;
            }
        }
    }
}
