package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingRepository;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.routing.RoutingWorkNotFoundException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of missing waiting work ({@link RoutingWorkNotFoundException}): changing or removing by
 * version work that is not stored (never queued, or handed out meanwhile by another router) fails with that type,
 * naming the case, so routers decide on the type rather than on an entity name; a stale version is not reported as
 * missing. Run by {@link RapportStorageContract} as its nested group "Missing routing work"; not meant to be run on
 * its own.
 */
public abstract class RoutingWorkMissingContract {

    private final Supplier<RapportStorage> storage;

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected RoutingWorkMissingContract(Supplier<RapportStorage> storage) {
        this.storage = storage;
    }

    private RoutingRepository routing() {
        return storage.get().routing();
    }

    private static RoutingOffer offerTo(AgentId agent) {
        Instant now = TestData.now();
        return new RoutingOffer(UUID.randomUUID(), agent, Channel.CHAT, 1, now, now.plusSeconds(30));
    }

    @Test
    @DisplayName("updating work of a case without any throws RoutingWorkNotFoundException naming the case")
    void updateOfUnknownWorkThrowsTheTypedException() {
        // given
        RoutingWork unknown = TestData.routingWork().withVersion(1);

        // when
        Throwable thrown = catchThrowable(() -> routing().updateWork(unknown));

        // then
        assertThat(thrown).isInstanceOf(RoutingWorkNotFoundException.class);
        RoutingWorkNotFoundException missing = (RoutingWorkNotFoundException) thrown;
        assertThat(missing.caseId()).isEqualTo(unknown.caseId());
        assertThat(missing.entity()).isEqualTo(RoutingWorkNotFoundException.ENTITY);
        assertThat(routing().findWork(unknown.caseId())).isEmpty();
    }

    @Test
    @DisplayName("removing by version work another caller already handed out throws RoutingWorkNotFoundException")
    void deleteOfHandedOutWorkThrowsTheTypedException() {
        // given work that one caller has handed out
        RoutingWork queued = routing().insertWork(TestData.routingWork());
        RoutingWork other = routing().insertWork(TestData.routingWork());
        routing().deleteWork(queued);

        // when a second caller hands out the version it read
        Throwable thrown = catchThrowable(() -> routing().deleteWork(queued));

        // then
        assertThat(thrown).isInstanceOf(RoutingWorkNotFoundException.class);
        assertThat(((RoutingWorkNotFoundException) thrown).caseId()).isEqualTo(queued.caseId());
        assertThat(routing().findWork(queued.caseId())).isEmpty();
        assertThat(routing().findWork(other.caseId())).contains(other);
    }

    @Test
    @DisplayName("a stale version of stored work is a StaleVersionException, never a RoutingWorkNotFoundException")
    void staleWorkIsNotReportedMissing() {
        // given
        RoutingWork v1 = routing().insertWork(TestData.routingWork());
        RoutingWork v2 = routing().updateWork(v1.withOffer(Optional.of(offerTo(AgentId.random()))));

        // when
        Throwable onUpdate = catchThrowable(() -> routing().updateWork(v1.withOffer(Optional.empty())));
        Throwable onDelete = catchThrowable(() -> routing().deleteWork(v1));

        // then
        assertThat(onUpdate).isInstanceOf(StaleVersionException.class)
                .isNotInstanceOf(RoutingWorkNotFoundException.class);
        assertThat(onDelete).isInstanceOf(StaleVersionException.class)
                .isNotInstanceOf(RoutingWorkNotFoundException.class);
        assertThat(routing().findWork(v1.caseId())).contains(v2);
    }
}
