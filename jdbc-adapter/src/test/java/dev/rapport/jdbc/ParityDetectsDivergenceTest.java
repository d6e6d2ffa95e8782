package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.cases.OpenCase;
import dev.rapport.complaint.ReceiveComplaint;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.tck.DelegatingStorage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The parity comparison bites: a JDBC store that loses one update, or changes a value on the way, is caught at the
 * step where it happens, for each of the three parity properties' aggregates. The same comparison runs in every
 * step of the properties.
 */
@DisplayName("The parity comparison between the adapters")
class ParityDetectsDivergenceTest {

    @Test
    @DisplayName("catches a JDBC store that drops one case update, at the step that lost it")
    void dropsCaseUpdate() {
        // given a JDBC store whose second case update is acknowledged but not written
        try (ParityWorld world = ParityWorld.on(ParityWorld.Database.H2, dropping(CaseRepository.class, 2))) {
            world.step("register", (r, ids) -> register(r));
            world.step("open", (r, ids) -> r.cases().open(OpenCase.builder()
                    .customerId(ids.<CustomerId>pick("customers", 0).orElseThrow()).subject("Parcel")
                    .originChannel(Channel.EMAIL).build()));
            world.step("start work", (r, ids) -> r.cases().startWork(ids.<CaseId>pick("cases", 0).orElseThrow()));

            // when the dropped update happens, then the comparison fails on the stored cases
            assertThatThrownBy(() -> world.step("resolve",
                    (r, ids) -> r.cases().resolve(ids.<CaseId>pick("cases", 0).orElseThrow())))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("stored cases differ after step 4")
                    .hasMessageContaining("RESOLVED");
        }
    }

    @Test
    @DisplayName("catches, with the outbox in use, a JDBC outbox that loses the events of one transaction")
    void losesOutboxEvents() {
        // given a JDBC store whose outbox silently drops what its second append brings
        AtomicInteger appends = new AtomicInteger();
        UnaryOperator<RapportStorage> losing = storage -> new DelegatingStorage(storage) {
            @Override
            public Optional<EventOutbox> outbox() {
                EventOutbox inner = storage.outbox().orElseThrow();
                return Optional.of((EventOutbox) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {EventOutbox.class}, (proxy, method, args) -> {
                            if (method.getName().equals("append") && appends.incrementAndGet() == 2) {
                                return null;
                            }
                            try {
                                return method.invoke(inner, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }));
            }
        };
        try (ParityWorld world = ParityWorld.on(ParityWorld.Database.H2, losing, true)) {
            world.step("register", (r, ids) -> register(r));

            // when the lost append happens, then the comparison fails on the events published
            assertThatThrownBy(() -> world.step("open", (r, ids) -> r.cases().open(OpenCase.builder()
                    .customerId(ids.<CustomerId>pick("customers", 0).orElseThrow()).subject("Parcel")
                    .originChannel(Channel.EMAIL).build())))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("events published differ after step 2 (useOutbox true)")
                    .hasMessageContaining("CaseOpened");
        }
    }

    @Test
    @DisplayName("catches a JDBC store that drops one complaint update, at the step that lost it")
    void dropsComplaintUpdate() {
        // given a JDBC store whose second complaint update is acknowledged but not written
        try (ParityWorld world = ParityWorld.on(ParityWorld.Database.H2, dropping(ComplaintRepository.class, 2))) {
            world.step("register", (r, ids) -> register(r));
            // the first update is the acknowledgement after receipt
            world.step("receive", (r, ids) -> r.complaints().receive(ReceiveComplaint.builder()
                    .customerId(ids.<CustomerId>pick("customers", 0).orElseThrow()).channel(Channel.EMAIL)
                    .description("Late").severity(Severity.HIGH).actor("agent:1").build()));

            // when the second is dropped, then the comparison fails on the stored complaints
            assertThatThrownBy(() -> world.step("close", (r, ids) -> r.complaints().changeStage(
                    new dev.rapport.complaint.ChangeStage(ids.<ComplaintId>pick("complaints", 0).orElseThrow(),
                            ComplaintStage.CLOSED, java.util.Optional.empty(), "agent:1"))))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("stored complaints differ after step 3")
                    .hasMessageContaining("CLOSED");
        }
    }

    @Test
    @DisplayName("catches a JDBC store that drops the update marking a follow-up sent")
    void dropsFollowUpUpdate() {
        // given a JDBC store whose first follow-up update (the dispatcher's completion) is not written
        try (ParityWorld world = ParityWorld.on(ParityWorld.Database.H2, dropping(FollowUpRepository.class, 1))) {
            world.step("register", (r, ids) -> register(r));
            world.step("schedule", (r, ids) -> r.followUps().schedule(ScheduleFollowUp.builder()
                    .customerId(ids.<CustomerId>pick("customers", 0).orElseThrow()).kind(FollowUpKind.THANK_YOU)
                    .dueAt(r.clock().instant()).build()));

            // when the dispatcher sends it, then the comparison fails on the stored follow-ups
            assertThatThrownBy(() -> world.step("dispatch", (r, ids) -> r.followUpDispatcher().dispatchDue()))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("stored followUps differ after step 3")
                    .hasMessageContaining("SENT");
        }
    }

    @Test
    @DisplayName("catches a JDBC store that changes a stored value on the way, at the first step")
    void changedValue() {
        // given a JDBC store that trims case subjects when it stores them
        UnaryOperator<RapportStorage> trimming = storage -> new DelegatingStorage(storage) {
            @Override
            public CaseRepository cases() {
                return proxy(CaseRepository.class, storage.cases(), (method, args) -> {
                    if (method.equals("insert")) {
                        Case c = (Case) args[0];
                        args[0] = c.toBuilder().subject(c.subject().trim()).build();
                    }
                    return false;
                });
            }
        };
        try (ParityWorld world = ParityWorld.on(ParityWorld.Database.H2, trimming)) {
            world.step("register", (r, ids) -> register(r));

            // when a case is opened with a subject that ends in a blank, then both outcome and store differ
            assertThatThrownBy(() -> world.step("open", (r, ids) -> r.cases().open(OpenCase.builder()
                    .customerId(ids.<CustomerId>pick("customers", 0).orElseThrow()).subject("Parcel ")
                    .originChannel(Channel.EMAIL).build())))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("outcomes differ at step 2");
        }
    }

    @Test
    @DisplayName("passes the same steps on a faithful JDBC store")
    void faithful() {
        // given a plain JDBC store
        try (ParityWorld world = ParityWorld.on(ParityWorld.Database.H2)) {
            // when the steps of the tests above run on it
            world.step("register", (r, ids) -> register(r));
            world.step("open", (r, ids) -> r.cases().open(OpenCase.builder()
                    .customerId(ids.<CustomerId>pick("customers", 0).orElseThrow()).subject("Parcel ")
                    .originChannel(Channel.EMAIL).build()));
            world.step("start work", (r, ids) -> r.cases().startWork(ids.<CaseId>pick("cases", 0).orElseThrow()));
            world.step("resolve", (r, ids) -> r.cases().resolve(ids.<CaseId>pick("cases", 0).orElseThrow()));
            world.step("schedule", (r, ids) -> r.followUps().schedule(ScheduleFollowUp.builder()
                    .customerId(ids.<CustomerId>pick("customers", 0).orElseThrow()).kind(FollowUpKind.THANK_YOU)
                    .dueAt(r.clock().instant()).build()));
            world.step("dispatch", (r, ids) -> r.followUpDispatcher().dispatchDue());

            // then every step agreed
            assertThat(world.steps()).isEqualTo(6);
            assertThat(world.log()).last().asString().contains("sent=Integer:1");
        }
    }

    private static Object register(dev.rapport.Rapport rapport) {
        return rapport.customers().register(RegisterCustomer.builder().name("Ann")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build());
    }

    /** Passes a call on after {@code before} may change its arguments; true means: swallow the call instead. */
    private interface Interceptor {
        boolean before(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Interceptor interceptor) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (args != null && interceptor.before(method.getName(), args)) {
                Object value = args[0];
                // acknowledged as if stored: the version moves on, nothing is written
                if (value instanceof Case c) {
                    return c.withVersion(c.version() + 1);
                }
                if (value instanceof Complaint c) {
                    return c.toBuilder().version(c.version() + 1).build();
                }
                if (value instanceof FollowUp f) {
                    return f.withVersion(f.version() + 1);
                }
                if (value instanceof List<?> batch) { // the dispatcher's updateEach: every element acknowledged
                    return batch.stream().map(f -> Optional.of(((FollowUp) f).withVersion(((FollowUp) f).version() + 1)))
                            .toList();
                }
                throw new IllegalStateException("cannot drop " + method);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** A store whose repository of the given type drops its {@code nth} update (an {@code updateEach} counts as one). */
    private static <T> UnaryOperator<RapportStorage> dropping(Class<T> repository, int nth) {
        AtomicInteger updates = new AtomicInteger();
        Interceptor drop = (method, args) -> (method.equals("update") || method.equals("updateEach"))
                && updates.incrementAndGet() == nth;
        return storage -> new DelegatingStorage(storage) {
            @Override
            public CaseRepository cases() {
                return repository == CaseRepository.class ? proxy(CaseRepository.class, storage.cases(), drop)
                        : storage.cases();
            }

            @Override
            public ComplaintRepository complaints() {
                return repository == ComplaintRepository.class
                        ? proxy(ComplaintRepository.class, storage.complaints(), drop) : storage.complaints();
            }

            @Override
            public FollowUpRepository followUps() {
                return repository == FollowUpRepository.class
                        ? proxy(FollowUpRepository.class, storage.followUps(), drop) : storage.followUps();
            }
        };
    }
}
