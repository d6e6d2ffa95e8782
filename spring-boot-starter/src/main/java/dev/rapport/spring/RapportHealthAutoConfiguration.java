package dev.rapport.spring;

import dev.rapport.Rapport;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@link RapportHealthIndicator} (contributed as {@code rapport}) when Spring Boot Actuator is on the class
 * path and a {@link Rapport} bean exists; {@code management.health.rapport.enabled=false} switches it off.
 */
@AutoConfiguration(after = RapportAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Rapport.class)
@ConditionalOnProperty(prefix = "management.health.rapport", name = "enabled", matchIfMissing = true)
public class RapportHealthAutoConfiguration {

    /**
     * The health indicator, named {@code rapport} by its bean name.
     *
     * @param rapport the Rapport whose storage, outbox, dispatcher and workers are checked
     * @param properties the {@code rapport.health.*} thresholds
     * @return the health indicator
     */
    @Bean(name = "rapportHealthIndicator")
    @ConditionalOnMissingBean(name = "rapportHealthIndicator")
    public RapportHealthIndicator rapportHealthIndicator(Rapport rapport, RapportProperties properties) {
        return new RapportHealthIndicator(rapport, properties.getHealth());
    }
}
