package dev.rapport.routing;

/**
 * The codes of an {@link AgentIndex}'s dimensions: a kind (all agents, a skill, a language, a pair of skills, a
 * skill with a language) and up to two small numbers (skills or languages) packed in one {@code long}, never 0.
 */
final class DimensionCode {

    static final long KIND_ALL = 1;
    static final long KIND_SKILL = 2;
    static final long KIND_LANGUAGE = 3;
    static final long KIND_PAIR = 4;
    static final long KIND_SKILL_LANGUAGE = 5;
    static final int KIND_SHIFT = 60;
    static final int A_SHIFT = 30;
    static final long PART_MASK = (1L << 30) - 1;
    static final long ALL_CODE = KIND_ALL << KIND_SHIFT;

    static long code(long kind, long a, long b) {
        return kind << KIND_SHIFT | a << A_SHIFT | b;
    }

    static long kind(long code) {
        return code >>> KIND_SHIFT;
    }

    static int partA(long code) {
        return (int) (code >>> A_SHIFT & PART_MASK);
    }

    static int partB(long code) {
        return (int) (code & PART_MASK);
    }

    private DimensionCode() {
    }
}
