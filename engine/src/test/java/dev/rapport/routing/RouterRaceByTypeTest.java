package dev.rapport.routing;

import static dev.rapport.routing.RoutingFixtures.agentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.internal.EngineRuntime;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.routing.RoutingRepository;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.routing.RoutingWorkNotFoundException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A router queueing work that another router changed meanwhile")
class RouterRaceByTypeTest extends RoutingFixtures {

    private final AtomicInteger updates = new AtomicInteger();

    /** The storage with its waiting work's first update answered by {@code firstUpdate} instead of the store. */
    private RapportStorage failingFirstUpdate(Function<RoutingWork, RuntimeException> firstUpdate) {
        RoutingRepository routing = proxy(RoutingRepository.class, storage.routing(), (method, args) -> {
            if (method.getName().equals("updateWork") && updates.incrementAndGet() == 1) {
                throw firstUpdate.apply((RoutingWork) args[0]);
            }
            return null;
        });
        return proxy(RapportStorage.class, storage, (method, args) -> method.getName().equals("routing")
                ? routing : null);
    }

    /** Answers from {@code override} when it returns non-null, else from the target. */
    private interface Override {
        Object answer(Method method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, T target, Override override) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            Object answer = override.answer(method, args);
            if (answer != null) {
                return answer;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    @Test
    @DisplayName("reads again and routes the case when its waiting work was handed out meanwhile")
    void retriesWhenTheWorkIsMissing() {
        // given a case waiting for want of an agent, and an agent who can take it now
        Case supportCase = storeCase();
        router().submit(chat(supportCase).build());
        agent(1).store();
        Router router = new Router(EngineRuntime.direct(
                failingFirstUpdate(work -> new RoutingWorkNotFoundException(work.caseId())),
                clock, VALIDATOR.validator(), events::add), RoutingPolicy.defaults());

        // when it is routed again and the first write finds the work gone
        RoutingDecision decision = router.submit(chat(supportCase).build());

        // then
        assertThat(updates.get()).isEqualTo(2);
        assertThat(decision.outcome()).isEqualTo(RoutingOutcome.ASSIGNED);
        assertThat(storage.cases().get(supportCase.id()).assignee()).contains(agentId(1));
    }

    @Test
    @DisplayName("does not take a not-found of another kind for a race, whatever entity it names")
    void otherNotFoundIsNotARace() {
        // given a waiting case, and a store that answers its update with a plain not-found naming routing_work
        Case supportCase = storeCase();
        router().submit(chat(supportCase).build());
        agent(1).store();
        Router router = new Router(EngineRuntime.direct(
                failingFirstUpdate(work -> new NotFoundException("routing_work", work.caseId())),
                clock, VALIDATOR.validator(), events::add), RoutingPolicy.defaults());

        // when
        Throwable thrown = catchThrowable(() -> router.submit(chat(supportCase).build()));

        // then it reaches the caller at once, and the work still waits
        assertThat(thrown).isExactlyInstanceOf(NotFoundException.class);
        assertThat(updates.get()).isEqualTo(1);
        assertThat(storage.routing().findWork(supportCase.id())).isPresent();
        assertThat(storage.cases().get(supportCase.id()).assignee()).isEmpty();
    }
}
