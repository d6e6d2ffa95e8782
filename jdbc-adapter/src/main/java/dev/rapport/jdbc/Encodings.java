package dev.rapport.jdbc;

import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.customer.ConsentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compact text encodings of collection fields, kept in one text column each: JSON objects and arrays written
 * and read by {@link Json}, in the value's own iteration order. Maps keyed by channel use the channel code; locales
 * are language tags; instants are ISO-8601 strings ({@link Instant#toString()}); a case's history is an array of
 * {@code {"from":..,"to":..,"at":..}} objects. Stateless and thread-safe.
 */
final class Encodings {

    private Encodings() {
    }

    static String stringMap(Map<String, String> map) {
        return Json.write(new LinkedHashMap<String, Object>(map));
    }

    static Map<String, String> readStringMap(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        Json.readObject(json).forEach((k, v) -> out.put(k, (String) v));
        return out;
    }

    static String stringIntMap(Map<String, Integer> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, v.longValue()));
        return Json.write(out);
    }

    static Map<String, Integer> readStringIntMap(String json) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Json.readObject(json).forEach((k, v) -> out.put(k, Math.toIntExact((Long) v)));
        return out;
    }

    static String channelIntMap(Map<Channel, Integer> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.code(), v.longValue()));
        return Json.write(out);
    }

    static Map<Channel, Integer> readChannelIntMap(String json) {
        Map<Channel, Integer> out = new LinkedHashMap<>();
        Json.readObject(json).forEach((k, v) -> out.put(new Channel(k), Math.toIntExact((Long) v)));
        return out;
    }

    static String channelInstantMap(Map<Channel, Instant> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.code(), v.toString()));
        return Json.write(out);
    }

    static Map<Channel, Instant> readChannelInstantMap(String json) {
        Map<Channel, Instant> out = new LinkedHashMap<>();
        Json.readObject(json).forEach((k, v) -> out.put(new Channel(k), Instant.parse((String) v)));
        return out;
    }

    static String consents(Map<Channel, ConsentStatus> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k.code(), v.name()));
        return Json.write(out);
    }

    static Map<Channel, ConsentStatus> readConsents(String json) {
        Map<Channel, ConsentStatus> out = new LinkedHashMap<>();
        Json.readObject(json).forEach((k, v) -> out.put(new Channel(k), ConsentStatus.valueOf((String) v)));
        return out;
    }

    static String stringSet(Set<String> set) {
        return Json.write(new ArrayList<Object>(set));
    }

    static Set<String> readStringSet(String json) {
        Set<String> out = new LinkedHashSet<>();
        Json.readArray(json).forEach(v -> out.add((String) v));
        return out;
    }

    static String localeSet(Set<Locale> set) {
        List<Object> out = new ArrayList<>();
        set.forEach(l -> out.add(l.toLanguageTag()));
        return Json.write(out);
    }

    static Set<Locale> readLocaleSet(String json) {
        Set<Locale> out = new LinkedHashSet<>();
        Json.readArray(json).forEach(v -> out.add(Locale.forLanguageTag((String) v)));
        return out;
    }

    static String history(List<StatusChange> history) {
        List<Object> out = new ArrayList<>();
        for (StatusChange change : history) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("from", change.from().name());
            item.put("to", change.to().name());
            item.put("at", change.at().toString());
            change.reason().ifPresent(reason -> item.put("reason", reason));
            item.put("actorKind", change.actor().kind().name());
            item.put("actor", change.actor().name());
            out.add(item);
        }
        return Json.write(out);
    }

    @SuppressWarnings("unchecked")
    static List<StatusChange> readHistory(String json) {
        List<StatusChange> out = new ArrayList<>();
        for (Object item : Json.readArray(json)) {
            Map<String, Object> map = (Map<String, Object>) item;
            // moves stored before actors were kept have none: they read back as the system's
            Actor actor = map.get("actorKind") == null ? Actor.system()
                    : new Actor(Actor.Kind.valueOf((String) map.get("actorKind")), (String) map.get("actor"));
            out.add(new StatusChange(CaseStatus.valueOf((String) map.get("from")),
                    CaseStatus.valueOf((String) map.get("to")), Instant.parse((String) map.get("at")),
                    Optional.ofNullable((String) map.get("reason")), actor));
        }
        return out;
    }
}
