package dev.rapport.complaint;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.UUID;

/** Deterministic event ids: name-based UUIDs of the event kind and what identifies the occurrence. Stateless. */
final class EventIds {

    private EventIds() {
    }

    /** The id for an event kind and its identifying parts; the same parts always give the same id. */
    static UUID of(String kind, Object... parts) {
        StringJoiner name = new StringJoiner("|").add(kind);
        for (Object part : parts) {
            name.add(String.valueOf(part));
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }
}
