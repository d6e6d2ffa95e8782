package dev.rapport.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.SurveyResponses;
import dev.rapport.spi.kpi.Tallies;
import dev.rapport.tck.TestData;
import dev.rapport.tck.memory.InMemoryStorage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The streaming survey response count over a long history")
class SurveyPeriodReadsTest {

    private static final Instant WEEK = Instant.parse("2025-03-10T00:00:00Z");
    private static final TimeRange PERIOD = TimeRange.of(WEEK, WEEK.plus(Duration.ofDays(7)));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-01T00:00:00Z"), ZoneOffset.UTC);

    private final InMemoryStorage storage = new InMemoryStorage(CLOCK);
    private final AtomicLong handedOut = new AtomicLong();

    /** The storage, counting every follow-up its follow-up port hands out, in lists, pages or one by one. */
    private RapportStorage counting() {
        FollowUpRepository followUps = (FollowUpRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FollowUpRepository.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(storage.followUps(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof Collection<?> items) {
                        handedOut.addAndGet(items.size());
                    } else if (result instanceof dev.rapport.spi.Page<?> page) {
                        handedOut.addAndGet(page.items().size());
                    } else if (result instanceof java.util.Optional<?> one && one.isPresent()
                            || result instanceof FollowUp) {
                        handedOut.incrementAndGet();
                    }
                    return result;
                });
        return (RapportStorage) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RapportStorage.class}, (proxy, method, args) -> {
                    if (method.getName().equals("followUps")) {
                        return followUps;
                    }
                    try {
                        return method.invoke(storage, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private FollowUp sentSurvey(Customer customer, Instant due) {
        return storage.followUps().insert(TestData.followUp(customer.id()).kind(FollowUpKind.SURVEY)
                .status(FollowUpStatus.SENT).dueAt(due).build());
    }

    @Test
    @DisplayName("reads the ten surveys sent in the week, not the ten thousand sent before it nor those sent after")
    void readsOnlyTheSurveysOfThePeriod() {
        // given 10,000 surveys sent in the months before the week, 500 sent after it, and 10 sent in the week, four
        // of them answered
        Customer customer = storage.customers().insert(TestData.customer().build());
        for (int i = 0; i < 10_000; i++) {
            sentSurvey(customer, WEEK.minus(Duration.ofMinutes(10L * (i + 1))));
        }
        for (int i = 0; i < 500; i++) {
            sentSurvey(customer, PERIOD.to().plus(Duration.ofMinutes(i)));
        }
        List<FollowUp> week = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            week.add(sentSurvey(customer, WEEK.plus(Duration.ofHours(12L * i))));
        }
        for (int i = 0; i < 4; i++) {
            storage.feedback().insert(TestData.feedback(customer.id()).followUpId(week.get(i).id()).build());
        }

        // when the week's responses are counted, four follow-ups a page
        Slice slice = new Slice(PERIOD, Breakdown.TOTAL, CLOCK.instant(), Map.of());
        Tallies<SurveyResponses> tallies = new StreamingKpiQueries(counting(), 4).surveyResponses(slice);

        // then the count is right, and the walk was handed the week's ten surveys and no other follow-up
        assertThat(tallies.groups()).singleElement().satisfies(
                t -> assertThat(t.value()).isEqualTo(new SurveyResponses(10, 4)));
        assertThat(handedOut.get()).isEqualTo(10);
    }
}
