package dev.rapport.jdbc;

import java.time.ZoneId;
import java.util.regex.Pattern;

/** Checks time-zone ids before they are written into SQL text. Stateless and thread-safe. */
final class Zones {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9/_+\\-:]{1,64}");

    private Zones() {
    }

    /** The zone's id, after checking it holds only characters that are safe in an SQL string literal. */
    static String checkedId(ZoneId zone) {
        String id = zone.getId();
        if (!SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException("unexpected characters in the time-zone id " + id);
        }
        return id;
    }
}
