package dev.rapport.privacy;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for one person's data: their name and email address in any letter case, their telephone number in any
 * formatting (spaces, dashes, dots, slashes, brackets, with or without the country code or a trunk 0), and their
 * birthday. Finds it in a string, or anywhere in an object graph walked by reflection: records by their components,
 * optionals, maps (keys and values), collections, arrays, and the fields of Rapport's own classes (so the private
 * maps and indexes of the in-memory adapter too). Not thread-safe.
 */
public final class PersonalDataProbe {

    private static final Pattern NUMBER_RUN = Pattern.compile("\\+?\\(?\\d(?:[\\d\\s\\-./()\\u00a0]*\\d)?");

    private final String name;
    private final String email;
    private final String phoneDigits;
    private final Optional<LocalDate> birthday;
    private int stringsSeen;

    /**
     * A probe for one person.
     *
     * @param name their name
     * @param email their email address
     * @param phone their telephone number with its country code, in any formatting
     * @param birthday their birthday, or null
     */
    public PersonalDataProbe(String name, String email, String phone, LocalDate birthday) {
        this.name = name.toLowerCase(Locale.ROOT);
        this.email = email.toLowerCase(Locale.ROOT);
        String digits = phone.replaceAll("\\D", "");
        // the subscriber part: what remains whatever country code or trunk prefix is written in front
        this.phoneDigits = digits.substring(Math.min(3, digits.length() - 6));
        this.birthday = Optional.ofNullable(birthday);
    }

    /** What of the person's data the text holds: some of "name", "email", "phone"; empty if none. */
    public List<String> findIn(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains(name)) {
            found.add("name");
        }
        if (lower.contains(email)) {
            found.add("email");
        }
        Matcher run = NUMBER_RUN.matcher(text);
        while (run.find()) {
            if (run.group().replaceAll("\\D", "").contains(phoneDigits)) {
                found.add("phone");
                break;
            }
        }
        return found;
    }

    /** Whether the text holds any of the person's data. */
    public boolean isIn(String text) {
        return !findIn(text).isEmpty();
    }

    /** Every place in the object graph that holds the person's data, as a path and what was found there. */
    public List<String> scan(Object root) {
        List<String> leaks = new ArrayList<>();
        walk(root, root == null ? "null" : root.getClass().getSimpleName(),
                Collections.newSetFromMap(new IdentityHashMap<>()), leaks);
        return leaks;
    }

    /** How many strings the scans so far looked at; proves a scan saw the data. */
    public int stringsSeen() {
        return stringsSeen;
    }

    private void walk(Object value, String path, Set<Object> seen, List<String> leaks) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            stringsSeen++;
            List<String> found = findIn(text);
            if (!found.isEmpty()) {
                leaks.add(path + " " + found);
            }
            return;
        }
        if (value instanceof LocalDate date) {
            if (birthday.filter(date::equals).isPresent()) {
                leaks.add(path + " [birthday]");
            }
            return;
        }
        Class<?> type = value.getClass();
        if (type.isPrimitive() || value instanceof Number || value instanceof Boolean || value instanceof Character
                || value instanceof Enum<?> || !seen.add(value)) {
            return;
        }
        if (value instanceof Optional<?> optional) {
            optional.ifPresent(v -> walk(v, path + ".get", seen, leaks));
        } else if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            for (Map.Entry<?, ?> entry : entries) {
                walk(entry.getKey(), path + ".key", seen, leaks);
                walk(entry.getValue(), path + "[" + entry.getKey() + "]", seen, leaks);
            }
        } else if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : new ArrayList<>(collection)) {
                walk(element, path + "[" + i++ + "]", seen, leaks);
            }
        } else if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(value); i++) {
                    walk(Array.get(value, i), path + "[" + i + "]", seen, leaks);
                }
            }
        } else if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    walk(component.getAccessor().invoke(value), path + "." + component.getName(), seen, leaks);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + path + "." + component.getName(), e);
                }
            }
        } else if (type.getName().startsWith("dev.rapport.")) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    try {
                        field.setAccessible(true);
                        walk(field.get(value), path + "." + field.getName(), seen, leaks);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new IllegalStateException("cannot read " + path + "." + field.getName(), e);
                    }
                }
            }
        }
        // other JDK and library objects (locks, thread locals, clocks, instants, ids) hold no customer data
    }
}
