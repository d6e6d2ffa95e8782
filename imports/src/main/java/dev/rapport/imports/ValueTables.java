package dev.rapport.imports;

import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the values of a {@link ColumnMapping}'s columns read: the values it declares (channels, priorities, statuses,
 * categories, CSAT answers and CSAT values that mean "no answer"), compared regardless of case and surrounding
 * spaces, and the built-in readings a value falls back to. Mutable while its mapping's builder fills it; the mapping
 * holds an immutable {@link #copy()}, thread-safe.
 */
final class ValueTables {

    private final Map<String, Channel> channelValues;
    private final Map<String, Priority> priorityValues;
    private final Map<String, CaseStatus> statusValues;
    private final Map<String, String> categoryValues;
    private final Map<String, Integer> csatValues;
    private final Set<String> csatIgnored;

    /** Empty tables, to fill. */
    ValueTables() {
        this(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashSet<>());
    }

    private ValueTables(Map<String, Channel> channelValues, Map<String, Priority> priorityValues,
            Map<String, CaseStatus> statusValues, Map<String, String> categoryValues, Map<String, Integer> csatValues,
            Set<String> csatIgnored) {
        this.channelValues = channelValues;
        this.priorityValues = priorityValues;
        this.statusValues = statusValues;
        this.categoryValues = categoryValues;
        this.csatValues = csatValues;
        this.csatIgnored = csatIgnored;
    }

    /** An immutable copy of the tables as they are now. */
    ValueTables copy() {
        return new ValueTables(Map.copyOf(channelValues), Map.copyOf(priorityValues), Map.copyOf(statusValues),
                Map.copyOf(categoryValues), Map.copyOf(csatValues), Set.copyOf(csatIgnored));
    }

    /** Declares what a channel value means. */
    void channelValue(String value, Channel channel) {
        channelValues.put(ImportText.key(Objects.requireNonNull(value, "value")),
                Objects.requireNonNull(channel, "channel"));
    }

    /** Declares the category code a value stands for. */
    void categoryValue(String value, String code) {
        categoryValues.put(ImportText.key(Objects.requireNonNull(value, "value")),
                Objects.requireNonNull(code, "code"));
    }

    /** Declares what a priority value means. */
    void priorityValue(String value, Priority priority) {
        priorityValues.put(ImportText.key(Objects.requireNonNull(value, "value")),
                Objects.requireNonNull(priority, "priority"));
    }

    /** Declares what a status value means. */
    void statusValue(String value, CaseStatus status) {
        statusValues.put(ImportText.key(Objects.requireNonNull(value, "value")),
                Objects.requireNonNull(status, "status"));
    }

    /** Declares the score a CSAT value stands for. */
    void csatValue(String value, int score) {
        csatValues.put(ImportText.key(Objects.requireNonNull(value, "value")), score);
    }

    /** Declares a CSAT value that means "not answered". */
    void csatIgnoredValue(String value) {
        csatIgnored.add(ImportText.key(Objects.requireNonNull(value, "value")));
    }

    /**
     * The channel a value stands for: a declared {@linkplain ColumnMapping.Builder#channelValue value}, else a
     * built-in channel whose code it is (spaces and dashes read as underscores, so {@code "Web form"} is {@code web_form}).
     */
    Optional<Channel> channel(String value) {
        String key = ImportText.key(value);
        Channel declared = channelValues.get(key);
        if (declared != null) {
            return Optional.of(declared);
        }
        String code = codeLike(key);
        return Channel.BUILT_IN.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The priority a value stands for: a declared value, else a {@link Priority} name. */
    Optional<Priority> priority(String value) {
        String key = ImportText.key(value);
        Priority declared = priorityValues.get(key);
        if (declared != null) {
            return Optional.of(declared);
        }
        return enumNamed(Priority.class, key);
    }

    /** The status a value stands for: a declared value, else a {@link CaseStatus} name ({@code "on hold"} too). */
    Optional<CaseStatus> status(String value) {
        String key = ImportText.key(value);
        CaseStatus declared = statusValues.get(key);
        if (declared != null) {
            return Optional.of(declared);
        }
        return enumNamed(CaseStatus.class, key);
    }

    /**
     * The category code a value stands for: a declared value, else the value lower-cased with every run of
     * characters other than letters, digits, {@code _ . -} turned into one underscore ({@code "Billing & Payments"}
     * becomes {@code billing_payments}).
     */
    String category(String value) {
        String key = ImportText.key(value);
        String declared = categoryValues.get(key);
        if (declared != null) {
            return declared;
        }
        String code = key.replaceAll("[^\\p{L}\\p{N}_.\\-]+", "_");
        return code.replaceAll("^_+|_+$", "");
    }

    /** Whether a CSAT value means "no answer" (for example {@code "Offered"}): blank or declared so. */
    boolean csatIgnored(String value) {
        return value.isBlank() || csatIgnored.contains(ImportText.key(value));
    }

    /** The score a CSAT value stands for: a declared value, else a whole number. */
    Optional<Integer> csat(String value) {
        String key = ImportText.key(value);
        Integer declared = csatValues.get(key);
        if (declared != null) {
            return Optional.of(declared);
        }
        try {
            return Optional.of(Integer.parseInt(key));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The channel codes and declared values a channel value may take, for rejections. */
    String knownChannels() {
        List<String> known = new ArrayList<>(Channel.BUILT_IN.stream().map(Channel::code).toList());
        channelValues.keySet().stream().sorted().forEach(known::add);
        return String.join(", ", known);
    }

    private static String codeLike(String key) {
        return key.replace(' ', '_').replace('-', '_');
    }

    private static <E extends Enum<E>> Optional<E> enumNamed(Class<E> type, String key) {
        String name = codeLike(key).toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
