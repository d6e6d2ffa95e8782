package dev.rapport.spi.agent;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The constraints of {@link Agent}, checked without a Jakarta Validation implementation, so that every storage
 * adapter can refuse an invalid agent before it stores anything (see {@link AgentRepository}). The rules are exactly
 * the Jakarta constraints on {@link Agent}'s components, and each broken one is reported as a Jakarta validator
 * reports it: the field ({@code "name"}, {@code "skills[*]"} for a skill code or level, {@code "capacity[*]"} for a
 * channel or its capacity...) and the constraint's name ({@code "NotNull"}, {@code "NotBlank"}, {@code "PlainText"},
 * {@code "Size"}, {@code "Pattern"}, {@code "Min"}, {@code "Max"}, {@code "PositiveOrZero"}, {@code "SupportedInstant"}, {@code "LanguageTag"}). Map keys are never
 * named, as the Jakarta path of Rapport's services names them. Core's tests prove both give the same fields and
 * rules for any agent.
 *
 * <p>Stateless and thread-safe.
 */
public final class AgentRules {

    /** The most skills one agent may have. */
    public static final int MAX_SKILLS = 200;
    /** The most languages one agent may serve in. */
    public static final int MAX_LANGUAGES = 50;
    /** The lowest skill level: a novice. */
    public static final int MIN_LEVEL = 1;
    /** The highest skill level: an expert. */
    public static final int MAX_LEVEL = 10;
    /** The most capacity units an agent may have on one channel. */
    public static final int MAX_CAPACITY = 1000;

    /** As {@code @Code}: letters, digits, {@code _ . -}, starting with a letter or digit. */
    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]*");
    private static final int CODE_MAX = 64;

    private static final String NOT_NULL = "must not be null";
    private static final String SUPPORTED_INSTANT =
            "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z in whole microseconds";
    private static final String LANGUAGE_TAG =
            "must be a canonical BCP 47 language tag of at most 35 characters that reads back as the same locale";

    private AgentRules() {
    }

    /**
     * Returns the agent if it keeps every rule.
     *
     * @param agent the agent; null is reported on the field {@code "agent"}
     * @return the same agent
     * @throws ValidationException naming every broken rule, subject {@code "Agent"}
     */
    public static Agent check(Agent agent) {
        List<Violation> violations = violations(agent);
        if (!violations.isEmpty()) {
            throw new ValidationException("Agent", violations);
        }
        return agent;
    }

    /**
     * Every rule the agent breaks, in the order of its components; empty if it is valid.
     *
     * @param agent the agent; null gives one violation on the field {@code "agent"}
     * @return the broken rules, each naming its field and rule, in component order; empty for a valid agent
     */
    public static List<Violation> violations(Agent agent) {
        List<Violation> out = new ArrayList<>();
        if (agent == null) {
            out.add(new Violation("agent", "NotNull", NOT_NULL));
            return out;
        }
        notNull(out, "id", agent.id());
        name(out, agent.name());
        skills(out, agent.skills());
        if (agent.languages() == null) {
            out.add(new Violation("languages", "NotNull", NOT_NULL));
        } else {
            size(out, "languages", agent.languages().size(), MAX_LANGUAGES);
            agent.languages().forEach(language -> {
                notNull(out, "languages[*]", language);
                if (language != null && !Limits.isSupported(language)) {
                    out.add(new Violation("languages[*]", "LanguageTag", LANGUAGE_TAG));
                }
            });
        }
        channelFigures(out, "capacity", agent.capacity(), 0, MAX_CAPACITY);
        notNull(out, "presence", agent.presence());
        channelFigures(out, "load", agent.load(), 0, Integer.MAX_VALUE);
        if (agent.lastAssignedAt() == null) {
            out.add(new Violation("lastAssignedAt", "NotNull", NOT_NULL));
        } else {
            agent.lastAssignedAt().forEach((channel, at) -> {
                notNull(out, "lastAssignedAt[*]", channel);
                instant(out, "lastAssignedAt[*]", at);
            });
        }
        notNull(out, "team", agent.team());
        instant(out, "createdAt", agent.createdAt());
        instant(out, "updatedAt", agent.updatedAt());
        if (agent.version() < 0) {
            out.add(new Violation("version", "PositiveOrZero", "must be greater than or equal to 0"));
        }
        return out;
    }

    /** {@code @NotBlank @PlainText @Size(max = Limits.NAME)}; blank as Jakarta's {@code @NotBlank} judges it. */
    private static void name(List<Violation> out, String name) {
        if (name == null || name.trim().isEmpty()) {
            out.add(new Violation("name", "NotBlank", "must not be blank"));
        }
        if (name == null) {
            return;
        }
        if (!PlainTextValidator.isPlainText(name, false)) {
            out.add(new Violation("name", "PlainText", "must not contain control characters or unpaired surrogates"));
        }
        size(out, "name", name.length(), Limits.NAME);
    }

    /** {@code @NotNull @Size(max = 200) Map<@NotNull @Code String, @NotNull @Min(1) @Max(10) Integer>}. */
    private static void skills(List<Violation> out, Map<String, Integer> skills) {
        if (skills == null) {
            out.add(new Violation("skills", "NotNull", NOT_NULL));
            return;
        }
        size(out, "skills", skills.size(), MAX_SKILLS);
        skills.forEach((code, level) -> {
            if (code == null) {
                out.add(new Violation("skills[*]", "NotNull", NOT_NULL));
            } else {
                if (!CODE.matcher(code).matches()) {
                    out.add(new Violation("skills[*]", "Pattern", "must match \"" + CODE.pattern() + "\""));
                }
                if (code.length() < 1 || code.length() > CODE_MAX) {
                    out.add(new Violation("skills[*]", "Size", "size must be between 1 and " + CODE_MAX));
                }
            }
            range(out, "skills[*]", level, MIN_LEVEL, MAX_LEVEL);
        });
    }

    /** {@code @NotNull Map<@NotNull Channel, @NotNull @Min(min) @Max(max) Integer>}; no {@code @Max} when max is MAX_VALUE. */
    private static void channelFigures(List<Violation> out, String field, Map<?, Integer> figures, int min, int max) {
        if (figures == null) {
            out.add(new Violation(field, "NotNull", NOT_NULL));
            return;
        }
        figures.forEach((channel, figure) -> {
            notNull(out, field + "[*]", channel);
            range(out, field + "[*]", figure, min, max);
        });
    }

    private static void range(List<Violation> out, String field, Integer value, int min, int max) {
        if (value == null) {
            out.add(new Violation(field, "NotNull", NOT_NULL));
            return;
        }
        if (value < min) {
            out.add(new Violation(field, "Min", "must be greater than or equal to " + min));
        }
        if (value > max) {
            out.add(new Violation(field, "Max", "must be less than or equal to " + max));
        }
    }

    private static void size(List<Violation> out, String field, int size, int max) {
        if (size > max) {
            out.add(new Violation(field, "Size", "size must be between 0 and " + max));
        }
    }

    /** {@code @NotNull @SupportedInstant}. */
    private static void instant(List<Violation> out, String field, Instant value) {
        notNull(out, field, value);
        if (value != null && !Limits.isSupported(value)) {
            out.add(new Violation(field, "SupportedInstant", SUPPORTED_INSTANT));
        }
    }

    private static void notNull(List<Violation> out, String field, Object value) {
        if (value == null) {
            out.add(new Violation(field, "NotNull", NOT_NULL));
        }
    }
}
