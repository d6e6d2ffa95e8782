package dev.rapport;

import dev.rapport.spi.RapportConfigurationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.customer.RegisterCustomer;
import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.tck.memory.InMemoryStorage;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Rapport.builder()")
class RapportBuilderTest {

    private final InMemoryStorage storage = new InMemoryStorage();

    @Nested
    @DisplayName("defaults")
    class Defaults {

        @Test
        @DisplayName("a Rapport built with only storage uses the documented default messenger, publisher and clock")
        void documentedDefaults() {
            // when
            Rapport rapport = Rapport.builder().storage(storage).build();

            // then
            assertThat(rapport.storage()).isSameAs(storage);
            assertThat(rapport.messenger()).isSameAs(Rapport.REFUSING_MESSENGER);
            assertThat(rapport.eventPublisher()).isSameAs(Rapport.DEFAULT_EVENT_PUBLISHER).isSameAs(EventPublisher.NONE);
            assertThat(rapport.clock()).isSameAs(Rapport.DEFAULT_CLOCK).isEqualTo(Clock.systemUTC());
            assertThat(rapport.customers()).isNotNull();
            assertThat(rapport.interactions()).isNotNull();
            assertThat(rapport.cases()).isNotNull();
            assertThat(rapport.feedback()).isNotNull();
        }

        @Test
        @DisplayName("the default messenger refuses every message, for good, so nothing is sent by accident")
        void refusingMessenger() {
            // given
            OutboundMessage message = new OutboundMessage("key-1", CustomerId.random(), "survey", Channel.EMAIL,
                    "ann@example.com", Locale.ENGLISH, Map.of());

            // when / then
            assertThatThrownBy(() -> Rapport.REFUSING_MESSENGER.send(message))
                    .isInstanceOfSatisfying(MessageDeliveryException.class,
                            e -> assertThat(e.retryable()).isFalse())
                    .hasMessageContaining("no CustomerMessenger is configured")
                    .hasMessageNotContaining("ann@example.com");
        }

        @Test
        @DisplayName("the default validator is Hibernate Validator with English messages")
        void defaultValidator() {
            // given
            Rapport rapport = Rapport.builder().storage(storage).build();

            // when
            var violations = rapport.validator().validate(new Named(" "));

            // then
            assertThat(rapport.validator().getClass().getName()).startsWith("org.hibernate.validator");
            assertThat(violations).singleElement()
                    .satisfies(v -> assertThat(v.getMessage()).isEqualTo("must not be blank"));
        }

        @Test
        @DisplayName("the default validator judges @Past by the Rapport's clock, not the machine's")
        void defaultValidatorReadsTheClock() {
            // given a Rapport whose clock stands on 1 January 2000
            Clock clock = Clock.fixed(Instant.parse("2000-01-01T12:00:00Z"), ZoneOffset.UTC);
            Rapport rapport = Rapport.builder().storage(storage).clock(clock).build();

            // when a birthday after that day is given
            RegisterCustomer command = RegisterCustomer.builder().name("Ann")
                    .birthday(LocalDate.of(2000, 1, 2)).build();

            // then it is in the future by that clock
            assertThatThrownBy(() -> rapport.customers().register(command))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("birthday"));
            assertThat(rapport.customers().register(RegisterCustomer.builder().name("Ann")
                    .birthday(LocalDate.of(1999, 12, 31)).build()).birthday())
                    .contains(LocalDate.of(1999, 12, 31));
        }
    }

    @Nested
    @DisplayName("given values")
    class GivenValues {

        @Test
        @DisplayName("a Rapport uses the clock, publisher, messenger and validator it was given")
        void usesGivenValues() {
            // given
            Clock clock = Clock.fixed(Instant.parse("2024-06-01T08:00:00Z"), ZoneOffset.UTC);
            EventPublisher publisher = event -> { };
            Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

            // when
            Rapport rapport = Rapport.builder().storage(storage).clock(clock).eventPublisher(publisher)
                    .messenger(Rapport.REFUSING_MESSENGER).validator(validator).build();

            // then
            assertThat(rapport.clock()).isSameAs(clock);
            assertThat(rapport.eventPublisher()).isSameAs(publisher);
            assertThat(rapport.validator()).isSameAs(validator);
            assertThat(rapport.customers().register(RegisterCustomer.builder().name("Ann").build()).createdAt())
                    .isEqualTo(Instant.parse("2024-06-01T08:00:00Z"));
        }

        @Test
        @DisplayName("the host's validator is the one commands are checked with")
        void hostValidatorChecksCommands() {
            // given a validator that finds nothing wrong with anything
            Validator lenient = (Validator) Proxy.newProxyInstance(Validator.class.getClassLoader(),
                    new Class<?>[] {Validator.class}, (proxy, method, args) ->
                            method.getName().equals("validate") ? java.util.Set.of() : null);
            Rapport rapport = Rapport.builder().storage(storage).validator(lenient).build();

            // when a command the default validator would reject is run
            var customer = rapport.customers().register(RegisterCustomer.builder().name("Ann")
                    .identity(ContactIdentity.of(Channel.EMAIL, "not an address")).build());

            // then the host's validator decided
            assertThat(customer.identities()).extracting(ContactIdentity::value).containsExactly("not an address");
        }
    }

    @Nested
    @DisplayName("fail-fast errors")
    class FailFast {

        @Test
        @DisplayName("building without storage names the storage property")
        void storageIsRequired() {
            assertThatThrownBy(() -> Rapport.builder().build())
                    .isInstanceOfSatisfying(RapportConfigurationException.class,
                            e -> assertThat(e.property()).isEqualTo("storage"))
                    .hasMessageStartingWith("storage: is required");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"messenger", "eventPublisher", "clock", "validator"})
        @DisplayName("setting a property to null names that property")
        void nullPropertyIsNamed(String property) {
            // given
            Rapport.Builder builder = Rapport.builder().storage(storage);
            switch (property) {
                case "messenger" -> builder.messenger(null);
                case "eventPublisher" -> builder.eventPublisher(null);
                case "clock" -> builder.clock(null);
                case "validator" -> builder.validator(null);
                default -> throw new IllegalArgumentException(property);
            }

            // when / then
            assertThatThrownBy(builder::build)
                    .isInstanceOfSatisfying(RapportConfigurationException.class,
                            e -> assertThat(e.property()).isEqualTo(property));
        }

        @Test
        @DisplayName("a storage that hands out no repository is refused, naming storage and the missing part")
        void incompleteStorage() {
            // given a storage whose cases() returns null
            RapportStorage broken = (RapportStorage) Proxy.newProxyInstance(RapportStorage.class.getClassLoader(),
                    new Class<?>[] {RapportStorage.class}, (proxy, method, args) ->
                            method.getName().equals("cases") ? null : method.invoke(storage, args));

            // when / then
            assertThatThrownBy(() -> Rapport.builder().storage(broken).build())
                    .isInstanceOfSatisfying(RapportConfigurationException.class,
                            e -> assertThat(e.property()).isEqualTo("storage"))
                    .hasMessageContaining("cases() returned null");
        }

        @Test
        @DisplayName("a configuration error is a RapportException, so hosts catch one root")
        void configurationErrorIsRapportException() {
            assertThat(new RapportConfigurationException("clock", "x"))
                    .isInstanceOf(dev.rapport.spi.RapportException.class);
        }
    }

    /** A value with one constraint, to see the default validator's messages. */
    record Named(@NotBlank String name) {
    }
}
