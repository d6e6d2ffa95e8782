package dev.rapport.spring.example;

import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The shop's messenger: a real one would call an email or SMS gateway; this one logs the message's key. Declaring
 * it replaces the starter's default, which refuses every message.
 */
@Component
public class ShopMessenger implements CustomerMessenger {

    private static final Logger LOG = LoggerFactory.getLogger(ShopMessenger.class);

    private final Clock clock;

    /**
     * A messenger stamping receipts with Rapport's clock.
     *
     * @param clock the clock
     */
    public ShopMessenger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        LOG.info("Sending message {}", message.idempotencyKey());
        return DeliveryReceipt.accepted(clock.instant());
    }
}
