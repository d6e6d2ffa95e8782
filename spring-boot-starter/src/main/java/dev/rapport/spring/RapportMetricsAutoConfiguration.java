package dev.rapport.spring;

import dev.rapport.Rapport;
import dev.rapport.micrometer.RapportMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Binds Rapport's metrics ({@link RapportMetrics}, from {@code rapport-micrometer}) to the application's
 * {@link MeterRegistry} when both are there: the metrics observe the auto-configured Rapport, and the outbox gauges
 * are registered once every singleton exists. {@code rapport.metrics.enabled=false} switches them off.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({RapportMetrics.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(prefix = "rapport.metrics", name = "enabled", matchIfMissing = true)
public class RapportMetricsAutoConfiguration {

    /**
     * The metrics, an observer of the Rapport.
     *
     * @param registry the application's meter registry
     * @return the metrics, observing the Rapport once it is built
     */
    @Bean
    @ConditionalOnMissingBean
    public RapportMetrics rapportMetrics(MeterRegistry registry) {
        return new RapportMetrics(registry);
    }

    /**
     * Registers the outbox gauges on the Rapport once it exists.
     *
     * @param metrics the metrics bean
     * @param rapport the Rapport, if one is defined
     * @return a callback that binds the outbox gauges once every singleton exists
     */
    @Bean
    public SmartInitializingSingleton rapportMetricsGauges(RapportMetrics metrics, ObjectProvider<Rapport> rapport) {
        return () -> rapport.ifAvailable(metrics::bindGauges);
    }
}
