package dev.rapport.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.observe.RapportObserver;
import dev.rapport.Worker;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.followup.FollowUpRule;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.micrometer.RapportMetrics;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.event.CustomerRegistered;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.tck.memory.InMemoryStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("RapportAutoConfiguration")
class RapportAutoConfigurationTest {

    /** The application's auto-configurations that Rapport's build on, and Rapport's; each run has its own H2. */
    static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, RapportAutoConfiguration.class,
            RapportHealthAutoConfiguration.class, RapportMetricsAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS);

    private static void registerAnn(Rapport rapport) {
        rapport.customers().register(RegisterCustomer.builder().name("Ann Lee")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build());
    }

    @Test
    @DisplayName("builds a Rapport over the application's data source and starts its workers with the context")
    void startsWithTheContext() {
        AtomicReference<Rapport> built = new AtomicReference<>();
        // given the application's data source
        runner.run(context -> {
            // when the context has started
            Rapport rapport = context.getBean(Rapport.class);
            built.set(rapport);
            registerAnn(rapport);

            // then Rapport stores in the application's database and its workers run
            assertThat(context).hasSingleBean(JdbcStorage.class).hasSingleBean(RapportLifecycle.class);
            assertThat(rapport.customers().resolve(Channel.EMAIL, "ann@example.com")).isPresent();
            assertThat(rapport.runningWorkers()).contains(Worker.OUTBOX_RELAY, Worker.FOLLOW_UP_DISPATCHER,
                    Worker.COMPLAINT_SWEEP);
            assertThat(context.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM rapport_customer", Integer.class)).isEqualTo(1);
        });
        // and closing the context closed it
        assertThat(built.get().runningWorkers()).isEmpty();
    }

    @Test
    @DisplayName("binds the rapport.* properties: tables, outbox, workers, routing")
    void bindsProperties() {
        // given
        runner.withPropertyValues("rapport.jdbc.table-prefix=shop_", "rapport.use-outbox=false",
                "rapport.workers.complaint-sweep.enabled=false", "rapport.workers.routing.interval=2s",
                "rapport.routing.enabled=true", "rapport.routing.require-acceptance=true",
                "rapport.routing.offer-timeout=45s", "rapport.follow-up-dispatcher.batch-size=20",
                "rapport.shutdown-timeout=3s")
                // when
                .run(context -> {
                    Rapport rapport = context.getBean(Rapport.class);
                    RapportProperties properties = context.getBean(RapportProperties.class);

                    // then
                    assertThat(context.getBean(JdbcTemplate.class).queryForObject(
                            "SELECT COUNT(*) FROM shop_customer", Integer.class)).isZero();
                    assertThat(rapport.outboxRelay()).isEmpty();
                    assertThat(rapport.runningWorkers()).contains(Worker.ROUTING, Worker.FOLLOW_UP_DISPATCHER)
                            .doesNotContain(Worker.COMPLAINT_SWEEP, Worker.OUTBOX_RELAY);
                    assertThat(rapport.routing().config().requireAcceptance()).isTrue();
                    assertThat(rapport.routing().config().offerTimeout()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(properties.getWorkers().getRouting().getInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.getFollowUpDispatcher().getBatchSize()).isEqualTo(20);
                    assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    @DisplayName("leaves routing unconfigured unless asked, and backs off entirely with rapport.enabled=false")
    void routingOffAndDisabled() {
        // given / when / then
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(RoutingPolicy.class);
            assertThat(context.getBean(Rapport.class).runningWorkers()).doesNotContain(Worker.ROUTING);
        });
        runner.withPropertyValues("rapport.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(Rapport.class).doesNotHaveBean(RapportStorage.class));
    }

    @Test
    @DisplayName("uses the host's beans instead of the defaults: messenger, publisher, clock, policies, rules, storage")
    void overridesWin() {
        // given the host's own beans
        Clock clock = Clock.fixed(Instant.parse("2026-06-03T12:00:00Z"), ZoneOffset.UTC);
        CustomerMessenger messenger = message -> DeliveryReceipt.accepted(clock.instant());
        EventPublisher publisher = event -> { };
        SlaPolicy policy = SlaPolicy.builder().warningShare(0.5).build();
        FollowUpRule rule = FollowUpRule.thankYouAfterPurchase(Duration.ofDays(2));
        InMemoryStorage storage = new InMemoryStorage(clock);
        List<String> customized = new CopyOnWriteArrayList<>();
        runner.withBean(Clock.class, () -> clock).withBean(CustomerMessenger.class, () -> messenger)
                .withBean(EventPublisher.class, () -> publisher).withBean(SlaPolicy.class, () -> policy)
                .withBean(FollowUpRule.class, () -> rule).withBean(RapportStorage.class, () -> storage)
                .withBean(RapportBuilderCustomizer.class, () -> builder -> customized.add("customized"))
                // when
                .run(context -> {
                    Rapport rapport = context.getBean(Rapport.class);

                    // then
                    assertThat(rapport.clock()).isSameAs(clock);
                    assertThat(rapport.messenger()).isSameAs(messenger);
                    assertThat(rapport.eventPublisher()).isSameAs(publisher);
                    assertThat(rapport.sla().policy()).isSameAs(policy);
                    assertThat(rapport.followUps().rules()).containsExactly(rule);
                    assertThat(rapport.storage()).isSameAs(storage);
                    assertThat(context).doesNotHaveBean(JdbcStorage.class);
                    assertThat(customized).containsExactly("customized");
                });
    }

    @Test
    @DisplayName("refuses to send messages until the host declares a messenger")
    void refusingMessengerByDefault() {
        runner.run(context -> assertThat(context.getBean(Rapport.class).messenger())
                .isSameAs(Rapport.REFUSING_MESSENGER));
    }

    @Test
    @DisplayName("publishes domain events as Spring application events by default")
    void springEvents() {
        // given a listener for Rapport's events, and the relay run by hand
        List<DomainEvent> heard = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<DomainEvent>> listener = event -> heard.add(event.getPayload());
        runner.withPropertyValues("rapport.auto-startup=false").withBean(ApplicationListener.class, () -> listener)
                .run(context -> {
                    Rapport rapport = context.getBean(Rapport.class);
                    registerAnn(rapport);

                    // when the relay publishes
                    rapport.outboxRelay().orElseThrow().relayOnce();

                    // then the listener heard the registration
                    assertThat(heard).hasAtLeastOneElementOfType(CustomerRegistered.class);
                });
    }

    @Test
    @DisplayName("reports health with the outbox backlog, dead letters and dispatcher lag, DOWN past a threshold")
    void health() {
        // given an event waiting in the outbox (the workers are not started)
        ApplicationContextRunner stopped = runner.withPropertyValues("rapport.auto-startup=false");
        stopped.run(context -> {
            registerAnn(context.getBean(Rapport.class));

            // when health is checked
            Health health = context.getBean("rapportHealthIndicator", HealthIndicator.class).health();

            // then it is UP and says what waits
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("deadLetters", 0L).containsEntry("dispatcherLag", "PT0S")
                    .containsKey("workers");
            assertThat((Long) health.getDetails().get("outboxBacklog")).isPositive();
        });
        stopped.withPropertyValues("rapport.health.max-outbox-backlog=0").run(context -> {
            registerAnn(context.getBean(Rapport.class));

            Health health = context.getBean("rapportHealthIndicator", HealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("exceeded", List.of("outboxBacklog"));
        });
    }

    @Test
    @DisplayName("adds no health indicator when Actuator is absent, and Rapport still works")
    void noActuator() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context -> {
            assertThat(context).hasSingleBean(Rapport.class).doesNotHaveBean(RapportHealthIndicator.class);
        });
    }

    @Test
    @DisplayName("binds Rapport's metrics to the application's MeterRegistry")
    void metrics() {
        // given the application's registry
        runner.withPropertyValues("rapport.auto-startup=false")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    Rapport rapport = context.getBean(Rapport.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    registerAnn(rapport);
                    double pending = registry.get(RapportMetrics.OUTBOX_PENDING).gauge().value();

                    // when the relay runs a round
                    rapport.outboxRelay().orElseThrow().relayOnce();

                    // then the gauge read the backlog and the observer counted the round
                    assertThat(pending).isPositive();
                    assertThat(registry.get(RapportMetrics.OUTBOX_ROUNDS).counter().count()).isEqualTo(1);
                    assertThat(rapport.observer()).isNotSameAs(RapportObserver.NONE);
                });
    }

    @Test
    @DisplayName("binds no metrics without rapport-micrometer or without a registry")
    void noMetrics() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(RapportMetrics.class))
                .run(context -> assertThat(context).hasSingleBean(Rapport.class).doesNotHaveBean(RapportMetrics.class));
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(RapportMetrics.class);
            assertThat(context.getBean(Rapport.class).observer()).isSameAs(RapportObserver.NONE);
        });
    }

    @Test
    @DisplayName("tells every RapportObserver bean, one failing not keeping the others from being told")
    void observers() {
        // given two observers, the first failing
        List<String> told = new CopyOnWriteArrayList<>();
        RapportObserver failing = new RapportObserver() {
            @Override
            public void outboxRoundFinished(dev.rapport.outbox.OutboxRelay.Round round) {
                throw new IllegalStateException("broken");
            }
        };
        RapportObserver counting = new RapportObserver() {
            @Override
            public void outboxRoundFinished(dev.rapport.outbox.OutboxRelay.Round round) {
                told.add("round");
            }
        };
        runner.withPropertyValues("rapport.auto-startup=false").withBean("failing", RapportObserver.class, () -> failing)
                .withBean("counting", RapportObserver.class, () -> counting)
                .run(context -> {
                    // when the relay runs a round
                    context.getBean(Rapport.class).outboxRelay().orElseThrow().relayOnce();

                    // then the second observer was told
                    assertThat(told).containsExactly("round");
                });
    }

    @Test
    @DisplayName("collects the configuration metadata of every rapport.* property")
    void metadata() throws Exception {
        // given / when the metadata the annotation processor wrote
        String json;
        try (var in = RapportAutoConfiguration.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        // then
        assertThat(json).contains("\"rapport.use-outbox\"", "\"rapport.jdbc.table-prefix\"",
                "\"rapport.workers.outbox-relay.interval\"", "\"rapport.routing.enabled\"",
                "\"rapport.health.max-dispatcher-lag\"", "\"rapport.metrics.enabled\"");
    }
}
