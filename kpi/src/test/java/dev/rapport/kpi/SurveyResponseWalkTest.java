package dev.rapport.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The streaming survey response count")
class SurveyResponseWalkTest {

    private static final Instant MARCH = Instant.parse("2025-03-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-04-01T00:00:00Z"), ZoneOffset.UTC);

    private final InMemoryStorage storage = new InMemoryStorage(CLOCK);
    private final List<String> reads = new ArrayList<>();

    private FollowUp survey(Customer customer, FollowUpStatus status, Instant due) {
        return storage.followUps().insert(TestData.followUp(customer.id()).kind(FollowUpKind.SURVEY).status(status)
                .dueAt(due).build());
    }

    /** The storage, recording each follow-up query by name. */
    private dev.rapport.spi.RapportStorage watched() {
        dev.rapport.spi.followup.FollowUpRepository followUps = (dev.rapport.spi.followup.FollowUpRepository)
                Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {dev.rapport.spi.followup.FollowUpRepository.class}, (proxy, method, args) -> {
                            reads.add(method.getName());
                            try {
                                return method.invoke(storage.followUps(), args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        return (dev.rapport.spi.RapportStorage) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {dev.rapport.spi.RapportStorage.class}, (proxy, method, args) -> {
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

    @Test
    @DisplayName("walks the sent surveys of the period by key in pages of two and counts each once")
    void countsEachSentSurveyOnce() {
        // given seven surveys sent in March (three answered), two sent in February, three still scheduled in March
        // and a sent follow-up of another kind in March
        Customer customer = storage.customers().insert(TestData.customer().build());
        for (int i = 0; i < 7; i++) {
            FollowUp sent = survey(customer, FollowUpStatus.SENT, MARCH.plus(Duration.ofDays(i + 1)));
            if (i % 2 == 0 && i < 6) {
                storage.feedback().insert(TestData.feedback(customer.id()).followUpId(sent.id()).build());
            }
        }
        survey(customer, FollowUpStatus.SENT, MARCH.minus(Duration.ofDays(3)));
        survey(customer, FollowUpStatus.SENT, MARCH.minus(Duration.ofDays(10)));
        for (int i = 0; i < 3; i++) {
            survey(customer, FollowUpStatus.SCHEDULED, MARCH.plus(Duration.ofDays(i + 2)));
        }
        storage.followUps().insert(TestData.followUp(customer.id()).status(FollowUpStatus.SENT)
                .dueAt(MARCH.plus(Duration.ofDays(4))).build());

        // when the responses of March are counted, two follow-ups a page
        Slice march = new Slice(TimeRange.of(MARCH, Instant.parse("2025-04-01T00:00:00Z")), Breakdown.TOTAL,
                CLOCK.instant(), Map.of());
        Tallies<SurveyResponses> tallies = new StreamingKpiQueries(watched(), 2).surveyResponses(march);

        // then the seven March surveys count once each, three answered, and every page was read by key
        assertThat(tallies.groups()).singleElement().satisfies(
                t -> assertThat(t.value()).isEqualTo(new SurveyResponses(7, 3)));
        assertThat(reads).isNotEmpty().containsOnly("listDueBetween");
    }
}
