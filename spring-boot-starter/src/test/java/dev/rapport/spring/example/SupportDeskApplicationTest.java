package dev.rapport.spring.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.Rapport;
import dev.rapport.Worker;
import dev.rapport.micrometer.RapportMetrics;
import dev.rapport.spi.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = SupportDeskApplication.class, properties = "spring.main.banner-mode=off")
@DisplayName("the example shop on Spring Boot")
class SupportDeskApplicationTest {

    @Autowired
    private OrderService orders;

    @Autowired
    private Rapport rapport;

    @Autowired
    private HealthEndpoint health;

    @Autowired
    private MeterRegistry registry;

    @Test
    @DisplayName("stores an order and its customer together, and a declined payment leaves neither")
    void ordersAndCustomersInOneTransaction() {
        // given the running shop
        int before = orders.orders();

        // when one order is paid and another declined
        orders.placeOrder("ann@example.com", "Ann Lee", 4_200, true);
        assertThatThrownBy(() -> orders.placeOrder("bob@example.com", "Bob Stone", 1_000, false))
                .hasMessage("payment declined");

        // then the paid order and its customer are stored, the declined one and its customer are not
        assertThat(orders.orders()).isEqualTo(before + 1);
        assertThat(rapport.customers().resolve(Channel.EMAIL, "ann@example.com")).isPresent();
        assertThat(rapport.customers().resolve(Channel.EMAIL, "bob@example.com")).isEmpty();
    }

    @Test
    @DisplayName("runs Rapport's workers with the application, uses the shop's messenger, and reports health")
    void wiring() {
        // given / when the application has started

        // then
        assertThat(rapport.runningWorkers()).contains(Worker.OUTBOX_RELAY, Worker.FOLLOW_UP_DISPATCHER);
        assertThat(rapport.messenger()).isInstanceOf(ShopMessenger.class);
        HealthComponent rapportHealth = health.healthForPath("rapport");
        assertThat(rapportHealth).isNotNull();
        assertThat(rapportHealth.getStatus()).isEqualTo(Status.UP);
        assertThat(registry.find(RapportMetrics.OUTBOX_PENDING).gauge()).isNotNull();
        assertThat(registry.find(RapportMetrics.DISPATCH_ROUNDS).counter()).isNotNull();
    }
}
