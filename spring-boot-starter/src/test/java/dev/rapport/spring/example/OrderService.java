package dev.rapport.spring.example;

import dev.rapport.Rapport;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shop's orders: each order is stored in the shop's own table and its customer in Rapport, in one Spring
 * transaction, so a declined payment leaves neither behind.
 */
@Service
public class OrderService {

    private final JdbcTemplate jdbc;
    private final Rapport rapport;

    /**
     * The service over the shop's database and Rapport.
     *
     * @param jdbc the shop's database
     * @param rapport the auto-configured Rapport
     */
    public OrderService(JdbcTemplate jdbc, Rapport rapport) {
        this.jdbc = jdbc;
        this.rapport = rapport;
    }

    /**
     * Places an order: stores it, registers its customer in Rapport when new, and charges the payment.
     *
     * @param email the customer's email
     * @param name the customer's name
     * @param totalCents the order's total
     * @param paymentAccepted whether the payment provider accepts the charge
     * @return the customer
     * @throws IllegalStateException when the payment is declined; the order and the customer are rolled back
     */
    @Transactional
    public Customer placeOrder(String email, String name, long totalCents, boolean paymentAccepted) {
        jdbc.update("INSERT INTO shop_order (id, customer_email, total_cents) VALUES (?, ?, ?)",
                UUID.randomUUID().toString(), email, totalCents);
        Customer customer = rapport.customers().resolve(Channel.EMAIL, email).orElseGet(() ->
                rapport.customers().register(RegisterCustomer.builder().name(name)
                        .identity(ContactIdentity.primary(Channel.EMAIL, email)).build()));
        if (!paymentAccepted) {
            throw new IllegalStateException("payment declined");
        }
        return customer;
    }

    /** How many orders the shop has stored. */
    public int orders() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM shop_order", Integer.class);
    }
}
