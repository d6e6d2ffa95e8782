package dev.rapport.spring;

import dev.rapport.Rapport;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.complaint.ComplaintPolicy;
import dev.rapport.followup.FollowUpRule;
import dev.rapport.followup.SendWindow;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.kpi.KpiSettings;
import dev.rapport.observe.RapportObserver;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.messaging.CustomerMessenger;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures Rapport from the application's {@link DataSource}: a {@link JdbcStorage} whose connections join
 * Spring-managed transactions ({@link SpringConnectionProvider}), a {@link Rapport} built from the {@code rapport.*}
 * properties ({@link RapportProperties}) and from the beans below, and a {@link RapportLifecycle} that starts its
 * background workers with the context and closes it when the context stops.
 *
 * <p>Every part is a bean the host replaces by declaring its own: the storage ({@link RapportStorage}), the
 * {@link CustomerMessenger} (default: {@link Rapport#REFUSING_MESSENGER}, so nothing is sent by accident), the
 * {@link EventPublisher} (default: each domain event published as a Spring application event, for
 * {@code @EventListener} methods), the {@link Clock}, the {@link SlaPolicy}, the {@link BusinessCalendars}, the
 * {@link SendWindow}, the {@link KpiSettings}, the {@link ComplaintPolicy} and the {@link RoutingPolicy}; every
 * {@link FollowUpRule} bean is a rule, every {@link RapportObserver} bean an observer, and every
 * {@link RapportBuilderCustomizer} bean has the last word. The Rapport itself too.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
@ConditionalOnClass({Rapport.class, JdbcStorage.class})
@ConditionalOnProperty(prefix = "rapport", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(RapportProperties.class)
public class RapportAutoConfiguration {

    /**
     * The JDBC storage over the application's data source, joining its Spring-managed transactions; migrates the
     * schema unless {@code rapport.jdbc.migrate=false}.
     *
     * @param dataSource the application's one data source, managed by its transaction manager
     * @param properties the {@code rapport.jdbc.*} settings
     * @return the JDBC storage, its schema migrated unless switched off
     */
    @Bean
    @ConditionalOnMissingBean(RapportStorage.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    public JdbcStorage rapportStorage(DataSource dataSource, RapportProperties properties) {
        RapportProperties.Jdbc jdbc = properties.getJdbc();
        JdbcStorage.Builder builder = JdbcStorage.builder()
                .connectionProvider(new SpringConnectionProvider(dataSource))
                .tablePrefix(jdbc.getTablePrefix())
                .migrate(jdbc.isMigrate())
                .ingestBatchSize(jdbc.getIngestBatchSize());
        if (jdbc.getSchema() != null) {
            builder.schema(jdbc.getSchema());
        }
        return builder.build();
    }

    /**
     * The messenger: refuses every message until the host declares its own {@link CustomerMessenger}.
     *
     * @return {@link Rapport#REFUSING_MESSENGER}
     */
    @Bean
    @ConditionalOnMissingBean
    public CustomerMessenger rapportCustomerMessenger() {
        return Rapport.REFUSING_MESSENGER;
    }

    /**
     * The event publisher: each domain event becomes a Spring application event, after its commit.
     *
     * @param events the application's event publisher
     * @return a publisher handing each domain event to the application's event publisher
     */
    @Bean
    @ConditionalOnMissingBean
    public EventPublisher rapportEventPublisher(ApplicationEventPublisher events) {
        return events::publishEvent;
    }

    /**
     * The clock: {@link Rapport#DEFAULT_CLOCK}, unless the application has a {@link Clock} bean.
     *
     * @return {@link Rapport#DEFAULT_CLOCK}
     */
    @Bean
    @ConditionalOnMissingBean
    public Clock rapportClock() {
        return Rapport.DEFAULT_CLOCK;
    }

    /**
     * The SLA policy: no targets.
     *
     * @return an SLA policy without rules
     */
    @Bean
    @ConditionalOnMissingBean
    public SlaPolicy rapportSlaPolicy() {
        return SlaPolicy.builder().build();
    }

    /**
     * The business calendars: none.
     *
     * @return an empty registry of business calendars
     */
    @Bean
    @ConditionalOnMissingBean
    public BusinessCalendars rapportBusinessCalendars() {
        return new BusinessCalendars();
    }

    /**
     * When follow-ups may go out: {@link SendWindow#defaults()}.
     *
     * @return {@link SendWindow#defaults()}
     */
    @Bean
    @ConditionalOnMissingBean
    public SendWindow rapportSendWindow() {
        return SendWindow.defaults();
    }

    /**
     * The KPI definitions: {@link KpiSettings#defaults()}.
     *
     * @return {@link KpiSettings#defaults()}
     */
    @Bean
    @ConditionalOnMissingBean
    public KpiSettings rapportKpiSettings() {
        return KpiSettings.defaults();
    }

    /**
     * The complaint policy: {@link ComplaintPolicy#defaults()}.
     *
     * @return {@link ComplaintPolicy#defaults()}
     */
    @Bean
    @ConditionalOnMissingBean
    public ComplaintPolicy rapportComplaintPolicy() {
        return ComplaintPolicy.defaults();
    }

    /**
     * Routing, when {@code rapport.routing.enabled=true}: the defaults with the {@code rapport.routing.*} settings.
     *
     * @param properties the {@code rapport.routing.*} settings
     * @return the routing defaults with acceptance and offer timeout as the properties set them
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "rapport.routing", name = "enabled", havingValue = "true")
    public RoutingPolicy rapportRoutingPolicy(RapportProperties properties) {
        RapportProperties.Routing routing = properties.getRouting();
        RoutingPolicy.Builder builder = RoutingPolicy.builder().requireAcceptance(routing.isRequireAcceptance());
        if (routing.getOfferTimeout() != null) {
            builder.offerTimeout(routing.getOfferTimeout());
        }
        return builder.build();
    }

    /**
     * The Rapport, built (not started: {@link RapportLifecycle} starts it with the context) from the properties and
     * beans. Closed when the context is destroyed, if the lifecycle has not closed it before.
     *
     * @param properties the {@code rapport.*} settings: outbox, backoffs, timeouts and workers
     * @param storage the storage bean, the JDBC storage unless the host declares its own
     * @param messenger the messenger bean
     * @param eventPublisher the event publisher bean
     * @param clock the clock bean
     * @param slaPolicy the SLA policy bean
     * @param calendars the business calendars bean
     * @param sendWindow the send window bean
     * @param kpiSettings the KPI settings bean
     * @param complaintPolicy the complaint policy bean
     * @param routing the routing configuration, when there is one
     * @param followUpRules every follow-up rule bean, in their order
     * @param observers every observer bean, combined into one when there are several
     * @param customizers every builder customizer, run in their order after the properties are applied
     * @return the built Rapport, not started
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(RapportStorage.class)
    public Rapport rapport(RapportProperties properties, RapportStorage storage, CustomerMessenger messenger,
            EventPublisher eventPublisher, Clock clock, SlaPolicy slaPolicy, BusinessCalendars calendars,
            SendWindow sendWindow, KpiSettings kpiSettings, ComplaintPolicy complaintPolicy,
            ObjectProvider<RoutingPolicy> routing, ObjectProvider<FollowUpRule> followUpRules,
            ObjectProvider<RapportObserver> observers, ObjectProvider<RapportBuilderCustomizer> customizers) {
        Rapport.Builder builder = Rapport.builder()
                .storage(storage)
                .messenger(messenger)
                .eventPublisher(eventPublisher)
                .clock(clock)
                .slaPolicy(slaPolicy)
                .calendars(calendars)
                .sendWindow(sendWindow)
                .kpiSettings(kpiSettings)
                .complaintPolicy(complaintPolicy)
                .useOutbox(properties.isUseOutbox())
                .followUpRules(followUpRules.orderedStream().toList());
        routing.ifAvailable(builder::routing);
        List<RapportObserver> all = observers.orderedStream().toList();
        if (!all.isEmpty()) {
            builder.observer(all.size() == 1 ? all.get(0) : new CompositeObserver(all));
        }
        if (properties.getShutdownTimeout() != null) {
            builder.shutdownTimeout(properties.getShutdownTimeout());
        }
        if (properties.getRestartBackoff() != null) {
            builder.restartBackoff(properties.getRestartBackoff());
        }
        if (properties.getMaxRestartBackoff() != null) {
            builder.maxRestartBackoff(properties.getMaxRestartBackoff());
        }
        properties.getWorkers().byWorker().forEach((worker, settings) -> {
            if (!settings.isEnabled()) {
                builder.disable(worker);
            }
            if (settings.getInterval() != null) {
                builder.interval(worker, settings.getInterval());
            }
        });
        RapportProperties.FollowUpDispatcher dispatcher = properties.getFollowUpDispatcher();
        if (dispatcher.getBatchSize() != null || dispatcher.getThreads() != null) {
            builder.followUpDispatcher(settings -> {
                if (dispatcher.getBatchSize() != null) {
                    settings.batchSize(dispatcher.getBatchSize());
                }
                if (dispatcher.getThreads() != null) {
                    settings.threads(dispatcher.getThreads());
                }
            });
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * Starts the Rapport's workers with the context and closes it when the context stops.
     *
     * @param rapport the Rapport to start and close
     * @param properties where {@code rapport.auto-startup} is read
     * @return the lifecycle bean
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Rapport.class)
    public RapportLifecycle rapportLifecycle(Rapport rapport, RapportProperties properties) {
        return new RapportLifecycle(rapport, properties.isAutoStartup());
    }
}
