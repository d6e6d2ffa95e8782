package dev.rapport.spring.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * A small shop built on Spring Boot and Rapport: the starter builds Rapport from the shop's data source, and the
 * shop's own beans (a messenger, a listener for Rapport's events, an order service whose transactions Rapport joins)
 * do the rest. Run it from the test class path; {@code SupportDeskApplicationTest} runs it in the build.
 */
@SpringBootApplication
@PropertySource("classpath:example/application.properties")
public class SupportDeskApplication {

    /**
     * Starts the shop.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(SupportDeskApplication.class, args);
    }
}
