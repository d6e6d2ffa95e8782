package dev.rapport.reliability;

import dev.rapport.privacy.LegalHold;
import dev.rapport.internal.EngineRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.privacy.PrivacyService;
import dev.rapport.spi.ValidationException;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every public method of every service the facade hands out, called with null for each argument in turn: each
 * refuses with a {@link ValidationException} naming the argument, and changes nothing. Found by reflection, so a
 * new method is covered the day it is added.
 */
@DisplayName("Null arguments to every public service method")
class NullArgumentsTest {

    @Test
    @DisplayName("are refused with a ValidationException that names a field, never another exception, storing nothing")
    void everyServiceMethodRefusesNull() throws Exception {
        // given every service of a Rapport
        TestRapport t = new TestRapport();
        Rapport r = t.rapport();
        Map<String, Object> services = new java.util.LinkedHashMap<>();
        services.put("customers", r.customers());
        services.put("interactions", r.interactions());
        services.put("cases", r.cases());
        services.put("feedback", r.feedback());
        services.put("followUps", r.followUps());
        services.put("complaints", r.complaints());
        services.put("sla", r.sla());
        services.put("routing", r.routing());
        services.put("privacy", new PrivacyService(EngineRuntime.direct(r.storage(), r.clock(), r.validator(),
                r.eventPublisher()), LegalHold.NONE));
        services.put("templates", r.templates());
        // null is a valid value here: an improvement's plan or note is optional and kept when not given
        java.util.Set<String> nullAllowed = java.util.Set.of("complaints.planImprovement arg 1",
                "complaints.completeImprovement arg 1");
        List<String> wrong = new ArrayList<>();
        int calls = 0;

        for (Map.Entry<String, Object> service : services.entrySet()) {
            List<Method> methods = Arrays.stream(service.getValue().getClass().getMethods())
                    .filter(m -> m.getDeclaringClass() == service.getValue().getClass())
                    .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() > 0)
                    // wiring, not a command: it decorates the host's publisher when the Rapport is built
                    .filter(m -> !m.getName().equals("publishingTo"))
                    .sorted(Comparator.comparing(Method::toString)).toList();
            for (Method method : methods) {
                for (int i = 0; i < method.getParameterCount(); i++) {
                    if (method.getParameterTypes()[i].isPrimitive()) {
                        continue;
                    }
                    // when one argument is null and the others are what a caller would plausibly pass
                    Object[] args = plausibleArguments(method);
                    args[i] = null;
                    StoreSnapshot before = t.snapshot();
                    calls++;
                    String name = service.getKey() + "." + method.getName()
                            + Arrays.toString(method.getParameterTypes()).replace("class ", "") + " arg " + i;
                    if (nullAllowed.contains(service.getKey() + "." + method.getName() + " arg " + i)) {
                        continue;
                    }
                    try {
                        method.invoke(service.getValue(), args);
                        wrong.add(name + ": accepted");
                    } catch (InvocationTargetException e) {
                        if (!(e.getCause() instanceof ValidationException v) || v.fields().isEmpty()) {
                            wrong.add(name + ": threw " + e.getCause());
                        }
                    }
                    // then nothing was stored
                    assertThat(t.snapshot()).as(name).isEqualTo(before);
                }
            }
        }
        assertThat(calls).isGreaterThan(40);
        assertThat(wrong).as("methods that did not refuse a null argument with a ValidationException").isEmpty();
    }

    private static Object[] plausibleArguments(Method method) {
        Object[] args = new Object[method.getParameterCount()];
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            args[i] = plausible(types[i]);
        }
        return args;
    }

    private static Object plausible(Class<?> type) {
        if (type == int.class) {
            return 1;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == String.class) {
            return "reason";
        }
        if (type == java.time.Duration.class) {
            return java.time.Duration.ofDays(1);
        }
        if (type == java.time.Instant.class) {
            return TestRapport.START;
        }
        if (type == dev.rapport.spi.PageRequest.class) {
            return new dev.rapport.spi.PageRequest(0, 10);
        }
        if (type == dev.rapport.spi.TimeRange.class) {
            return dev.rapport.spi.TimeRange.ALL;
        }
        if (type == java.util.UUID.class) {
            return java.util.UUID.randomUUID();
        }
        if (type == java.util.Locale.class) {
            return java.util.Locale.ROOT;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        try {
            Method random = type.getMethod("random");
            if (Modifier.isStatic(random.getModifiers())) {
                return random.invoke(null);
            }
        } catch (ReflectiveOperationException ignored) {
            // not a typed id
        }
        return null;
    }
}
