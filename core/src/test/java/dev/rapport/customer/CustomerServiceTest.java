package dev.rapport.customer;

import static dev.rapport.testing.TestRapport.START_MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.CustomerRegistered;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("CustomerService")
class CustomerServiceTest {

    private final TestRapport t = new TestRapport();
    private final CustomerService customers = t.rapport().customers();

    @Nested
    @DisplayName("register")
    class Register {

        @Test
        @DisplayName("stores every detail exactly, stamps the time to the microsecond and publishes CustomerRegistered")
        void storesExactly() {
            // given
            RegisterCustomer command = RegisterCustomer.builder()
                    .name("Zoë O'Brien-Łukasiewicz 🌷")
                    .identity(ContactIdentity.primary(Channel.EMAIL, "Zoe.OBrien@Example.com"))
                    .identity(new ContactIdentity(Channel.WHATSAPP, "+44 7700 900123", true, true))
                    .preferredChannel(Channel.WHATSAPP)
                    .locale(Locale.forLanguageTag("en-IE"))
                    .timeZone(ZoneId.of("Europe/Dublin"))
                    .birthday(LocalDate.of(1988, 2, 29))
                    .segment("gold")
                    .consent(Channel.EMAIL, ConsentStatus.OPTED_IN)
                    .consent(Channel.SMS, ConsentStatus.OPTED_OUT)
                    .status(CustomerStatus.PROSPECT)
                    .acquisitionCost(Money.of("12.50", "EUR"))
                    .attribute("loyalty-id", "LX-42")
                    .build();

            // when
            Customer customer = customers.register(command);

            // then
            assertThat(customers.get(customer.id())).isEqualTo(customer);
            assertThat(customer.name()).isEqualTo("Zoë O'Brien-Łukasiewicz 🌷");
            assertThat(customer.identities()).isEqualTo(command.identities());
            assertThat(customer.preferredChannel()).contains(Channel.WHATSAPP);
            assertThat(customer.locale()).isEqualTo(Locale.forLanguageTag("en-IE"));
            assertThat(customer.timeZone()).isEqualTo(ZoneId.of("Europe/Dublin"));
            assertThat(customer.birthday()).contains(LocalDate.of(1988, 2, 29));
            assertThat(customer.segment()).contains("gold");
            assertThat(customer.consents()).isEqualTo(Map.of(Channel.EMAIL, ConsentStatus.OPTED_IN,
                    Channel.SMS, ConsentStatus.OPTED_OUT));
            assertThat(customer.status()).isEqualTo(CustomerStatus.PROSPECT);
            assertThat(customer.acquisitionCost()).contains(Money.of("12.5", "EUR"));
            assertThat(customer.attributes()).isEqualTo(Map.of("loyalty-id", "LX-42"));
            assertThat(customer.createdAt()).isEqualTo(START_MICROS);
            assertThat(customer.updatedAt()).isEqualTo(START_MICROS);
            assertThat(customer.version()).isEqualTo(1);
            assertThat(t.events().events()).singleElement().isInstanceOfSatisfying(CustomerRegistered.class, e -> {
                assertThat(e.customerId()).isEqualTo(customer.id());
                assertThat(e.occurredAt()).isEqualTo(START_MICROS);
            });
        }

        @Test
        @DisplayName("uses the documented defaults: English, UTC, active, nothing optional")
        void defaults() {
            // when
            Customer customer = customers.register(RegisterCustomer.builder().name("Ann").build());

            // then
            assertThat(customer.locale()).isEqualTo(Locale.ENGLISH);
            assertThat(customer.timeZone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(customer.status()).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(customer.identities()).isEmpty();
            assertThat(customer.preferredChannel()).isEmpty();
            assertThat(customer.consents()).isEmpty();
        }

        @Test
        @DisplayName("a locale whose tag is too long or does not read back the same is refused naming locale; the longest tag is kept")
        void localesOutsideTheDomainAreRefused() {
            // given
            StoreSnapshot before = t.snapshot();
            Locale longest = Locale.forLanguageTag("de-DE-x-abcdefg-abcdefgh-abcdefgh-a");

            // when / then
            for (Locale locale : java.util.List.of(new Locale("no", "NO", "NY"),
                    Locale.forLanguageTag("de-DE-x-abcdefg-abcdefgh-abcdefgh-ab"))) {
                assertThatThrownBy(() -> customers.register(RegisterCustomer.builder().name("Ann").locale(locale)
                        .build()))
                        .as("locale %s", locale)
                        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                                .containsExactly("locale"));
            }
            assertThat(t.snapshot()).isEqualTo(before);
            Customer kept = customers.register(RegisterCustomer.builder().name("Ann").locale(longest).build());
            assertThat(kept.locale()).isEqualTo(longest);
        }

        @Test
        @DisplayName("a rejected command names every bad field, stores nothing and publishes nothing")
        void rejectsEveryBadField() {
            // given
            t.customer();
            StoreSnapshot before = t.snapshot();
            RegisterCustomer command = RegisterCustomer.builder()
                    .name(" ")
                    .identity(ContactIdentity.of(Channel.EMAIL, "ann@"))
                    .identity(ContactIdentity.of(Channel.PHONE, "12"))
                    .segment("not a code")
                    .attribute("key", "nul\u0000inside")
                    .timeZone(null)
                    .build();

            // when / then
            assertThatThrownBy(() -> customers.register(command))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                            .containsExactly("attributes[*]", "identities[0].value", "identities[1].value",
                                    "name", "segment", "timeZone"))
                    .hasMessageNotContaining("ann@");
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("the same address twice in one command, in another formatting, is refused on identities")
        void duplicateIdentityInCommand() {
            // given
            RegisterCustomer command = RegisterCustomer.builder().name("Ann")
                    .identity(ContactIdentity.of(Channel.PHONE, "+44 7700 900123"))
                    .identity(ContactIdentity.of(Channel.PHONE, "0044-7700-900-123"))
                    .build();

            // when / then
            assertThatThrownBy(() -> customers.register(command))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("identities"));
            assertThat(customers.count()).isZero();
        }

        @Test
        @DisplayName("two primary addresses on one channel are refused on identities")
        void twoPrimaries() {
            // given
            RegisterCustomer command = RegisterCustomer.builder().name("Ann")
                    .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com"))
                    .identity(ContactIdentity.primary(Channel.EMAIL, "ann@work.example.com"))
                    .build();

            // when / then
            assertThatThrownBy(() -> customers.register(command))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("identities"));
        }

        @Test
        @DisplayName("an address held by another customer is a conflict naming the holder, never the address")
        void identityHeldByAnother() {
            // given
            Customer ann = t.customer("Ann", ContactIdentity.primary(Channel.EMAIL, "ann@example.com"));
            StoreSnapshot before = t.snapshot();

            // when / then
            assertThatThrownBy(() -> customers.register(RegisterCustomer.builder().name("Impostor")
                    .identity(ContactIdentity.of(Channel.EMAIL, "  ANN@example.COM ")).build()))
                    .isInstanceOfSatisfying(ContactIdentityConflictException.class, e -> {
                        assertThat(e.holder()).isEqualTo(ann.id());
                        assertThat(e.identity().channel()).isEqualTo(Channel.EMAIL);
                    })
                    .hasMessageContaining(ann.id().toString())
                    .hasMessageNotContainingAny("ann@", "ANN@");
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("a telephone number held on one telephone channel conflicts on the others too")
        void phoneNumberIsOneIdentityAcrossChannels() {
            // given
            Customer ann = t.customer("Ann", ContactIdentity.of(Channel.PHONE, "+44 7700 900123"));

            // when / then
            assertThatThrownBy(() -> customers.register(RegisterCustomer.builder().name("Bob")
                    .identity(ContactIdentity.of(Channel.WHATSAPP, "+447700900123")).build()))
                    .isInstanceOfSatisfying(ContactIdentityConflictException.class,
                            e -> assertThat(e.holder()).isEqualTo(ann.id()));
        }
    }

    @Nested
    @DisplayName("resolve")
    class Resolve {

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(delimiter = '|', value = {
                "email    | ann.lee@example.com",
                "email    | ANN.LEE@EXAMPLE.COM",
                "email    | '  Ann.Lee@Example.com  '",
                "phone    | +44 7700 900123",
                "phone    | 0044 (7700) 900-123",
                "phone    | +44.7700.900.123",
                "whatsapp | +447700900123",
                "sms      | 0044 7700 900123",
                "chat     | ann.lee@example.com",
                "web_form | Ann.Lee@example.com",
        })
        @DisplayName("the same email or phone number, in any formatting and on any fitting channel, finds the customer")
        void findsAcrossFormattingAndChannels(String channel, String address) {
            // given
            Customer ann = t.customer("Ann",
                    ContactIdentity.primary(Channel.EMAIL, "Ann.Lee@example.com"),
                    ContactIdentity.primary(Channel.PHONE, "+44 7700 900123"));
            t.customer();

            // when / then
            assertThat(customers.resolve(Channel.of(channel), address)).map(Customer::id).contains(ann.id());
        }

        @Test
        @DisplayName("an address nobody holds, or a malformed one, finds nobody")
        void unknownAddress() {
            // given
            t.customer("Ann", ContactIdentity.primary(Channel.EMAIL, "ann@example.com"));

            // then
            assertThat(customers.resolve(Channel.EMAIL, "bob@example.com")).isEmpty();
            assertThat(customers.resolve(Channel.EMAIL, "")).isEmpty();
            assertThat(customers.resolve(Channel.PHONE, "ann@example.com")).isEmpty();
            assertThat(customers.resolve(Channel.CHAT, "\u0000")).isEmpty();
        }

        @Test
        @DisplayName("a handle is found on its own channel only")
        void handles() {
            // given
            Customer ann = t.customer("Ann", ContactIdentity.of(Channel.X, "@AnnLee"));

            // then
            assertThat(customers.resolve(Channel.X, "@annlee")).map(Customer::id).contains(ann.id());
            assertThat(customers.resolve(Channel.FACEBOOK, "@annlee")).isEmpty();
        }

        @Test
        @DisplayName("a null channel or address is a validation error naming each")
        void nullArguments() {
            assertThatThrownBy(() -> customers.resolve(null, null))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("address", "channel"));
        }
    }

    @Nested
    @DisplayName("update details")
    class UpdateDetails {

        @Test
        @DisplayName("replaces the details, keeps identities and consents, and publishes CustomerUpdated")
        void replacesDetails() {
            // given
            Customer ann = t.customer("Ann", ContactIdentity.primary(Channel.EMAIL, "ann@example.com"));
            t.clock().advance(Duration.ofMinutes(5));

            // when
            Customer updated = customers.updateDetails(UpdateCustomerDetails.from(ann)
                    .name("Ann Lee").timeZone(ZoneId.of("Asia/Tokyo")).segment("vip").attribute("tier", "2").build());

            // then
            assertThat(updated.name()).isEqualTo("Ann Lee");
            assertThat(updated.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
            assertThat(updated.segment()).contains("vip");
            assertThat(updated.attributes()).isEqualTo(Map.of("tier", "2"));
            assertThat(updated.identities()).isEqualTo(ann.identities());
            assertThat(updated.createdAt()).isEqualTo(ann.createdAt());
            assertThat(updated.updatedAt()).isEqualTo(START_MICROS.plus(Duration.ofMinutes(5)));
            assertThat(updated.version()).isEqualTo(2);
            assertThat(customers.get(ann.id())).isEqualTo(updated);
            assertThat(t.events().events(CustomerUpdated.class)).singleElement()
                    .satisfies(e -> assertThat(e.customerId()).isEqualTo(ann.id()));
        }

        @Test
        @DisplayName("clears optional details set to null")
        void clearsOptionalDetails() {
            // given
            Customer ann = customers.register(RegisterCustomer.builder().name("Ann").segment("gold")
                    .birthday(LocalDate.of(1990, 1, 1)).preferredChannel(Channel.SMS).build());

            // when
            Customer updated = customers.updateDetails(UpdateCustomerDetails.from(ann)
                    .segment(null).birthday(null).preferredChannel(null).build());

            // then
            assertThat(updated.segment()).isEmpty();
            assertThat(updated.birthday()).isEmpty();
            assertThat(updated.preferredChannel()).isEmpty();
        }

        @Test
        @DisplayName("an update that changes nothing writes nothing and publishes nothing")
        void noChange() {
            // given
            Customer ann = t.customer();

            // when
            Customer same = customers.updateDetails(UpdateCustomerDetails.from(ann).build());

            // then
            assertThat(same).isEqualTo(ann);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("an unknown customer is CustomerNotFoundException")
        void unknownCustomer() {
            // given
            CustomerId unknown = CustomerId.random();

            // when / then
            assertThatThrownBy(() -> customers.updateDetails(UpdateCustomerDetails.builder(unknown).name("X").build()))
                    .isInstanceOfSatisfying(CustomerNotFoundException.class,
                            e -> assertThat(e.customerId()).isEqualTo(unknown));
        }

        @Test
        @DisplayName("a stale version is retried on the current version and succeeds")
        void retriesStaleVersion() {
            // given
            Customer ann = t.customer();
            t.storage().failNext("customers.update", CustomerService.MAX_ATTEMPTS - 1,
                    () -> new StaleVersionException("customer", ann.id(), 1));

            // when
            Customer updated = customers.updateDetails(UpdateCustomerDetails.from(ann).name("Ann B").build());

            // then
            assertThat(updated.name()).isEqualTo("Ann B");
            assertThat(customers.get(ann.id()).version()).isEqualTo(2);
            assertThat(t.events().events(CustomerUpdated.class)).hasSize(1);
        }

        @Test
        @DisplayName("a version that stays stale gives up after MAX_ATTEMPTS, changing and publishing nothing")
        void givesUp() {
            // given
            Customer ann = t.customer();
            StoreSnapshot before = t.snapshot();
            t.storage().failNext("customers.update", CustomerService.MAX_ATTEMPTS,
                    () -> new StaleVersionException("customer", ann.id(), 1));

            // when / then
            assertThatThrownBy(() -> customers.updateDetails(UpdateCustomerDetails.from(ann).name("B").build()))
                    .isInstanceOf(StaleVersionException.class);
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }
    }

    @Nested
    @DisplayName("identities")
    class Identities {

        @Test
        @DisplayName("adding an address makes the customer findable by it")
        void addIdentity() {
            // given
            Customer ann = t.customer();

            // when
            Customer updated = customers.addIdentity(new AddContactIdentity(ann.id(),
                    ContactIdentity.of(Channel.WHATSAPP, "+33 6 12 34 56 78")));

            // then
            assertThat(updated.identities()).hasSize(2);
            assertThat(customers.resolve(Channel.WHATSAPP, "0033612345678")).map(Customer::id).contains(ann.id());
            assertThat(t.events().events(CustomerUpdated.class)).hasSize(1);
        }

        @Test
        @DisplayName("a new primary address demotes the previous primary one on its channel")
        void newPrimaryDemotesOld() {
            // given
            Customer ann = t.customer("Ann", ContactIdentity.primary(Channel.EMAIL, "ann@example.com"));

            // when
            Customer updated = customers.addIdentity(new AddContactIdentity(ann.id(),
                    ContactIdentity.primary(Channel.EMAIL, "ann@new.example.com")));

            // then
            assertThat(updated.identities()).containsExactly(
                    ContactIdentity.of(Channel.EMAIL, "ann@example.com"),
                    ContactIdentity.primary(Channel.EMAIL, "ann@new.example.com"));
            assertThat(updated.addressOn(Channel.EMAIL)).map(ContactIdentity::value).contains("ann@new.example.com");
        }

        @Test
        @DisplayName("adding an address the customer has merges its flags and keeps it as first given")
        void knownAddressMergesFlags() {
            // given
            Customer ann = t.customer("Ann", ContactIdentity.of(Channel.EMAIL, "Ann@Example.com"));

            // when
            Customer updated = customers.addIdentity(new AddContactIdentity(ann.id(),
                    new ContactIdentity(Channel.EMAIL, "ann@example.com", false, true)));

            // then
            assertThat(updated.identities()).containsExactly(
                    new ContactIdentity(Channel.EMAIL, "Ann@Example.com", false, true));
        }

        @Test
        @DisplayName("adding an address another customer holds is a conflict, and nothing changes")
        void addConflict() {
            // given
            Customer ann = t.customer("Ann", ContactIdentity.of(Channel.SMS, "+44 7700 900123"));
            Customer bob = t.customer();
            StoreSnapshot before = t.snapshot();

            // when / then
            assertThatThrownBy(() -> customers.addIdentity(new AddContactIdentity(bob.id(),
                    ContactIdentity.of(Channel.PHONE, "0044 7700 900123"))))
                    .isInstanceOfSatisfying(ContactIdentityConflictException.class,
                            e -> assertThat(e.holder()).isEqualTo(ann.id()));
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("removing an address, in any formatting, frees it for another customer")
        void removeIdentity() {
            // given
            Customer ann = t.customer("Ann", ContactIdentity.primary(Channel.EMAIL, "ann@example.com"),
                    ContactIdentity.of(Channel.PHONE, "+44 7700 900123"));

            // when
            Customer updated = customers.removeIdentity(new RemoveContactIdentity(ann.id(), Channel.PHONE,
                    "+44-7700-900-123"));

            // then
            assertThat(updated.identities()).extracting(ContactIdentity::channel).containsExactly(Channel.EMAIL);
            assertThat(customers.resolve(Channel.PHONE, "+447700900123")).isEmpty();
            Customer bob = t.customer("Bob", ContactIdentity.of(Channel.PHONE, "+447700900123"));
            assertThat(customers.resolve(Channel.PHONE, "+447700900123")).map(Customer::id).contains(bob.id());
        }

        @Test
        @DisplayName("removing an address the customer does not have changes nothing")
        void removeUnknown() {
            // given
            Customer ann = t.customer();

            // when
            Customer same = customers.removeIdentity(new RemoveContactIdentity(ann.id(), Channel.EMAIL,
                    "nobody@example.com"));

            // then
            assertThat(same).isEqualTo(ann);
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("more addresses than the limit are refused on identities")
        void identityLimit() {
            // given
            RegisterCustomer.Builder builder = RegisterCustomer.builder().name("Many");
            for (int i = 0; i < dev.rapport.spi.validation.Limits.IDENTITIES; i++) {
                builder.identity(ContactIdentity.of(Channel.EMAIL, "a" + i + "@example.com"));
            }
            Customer many = customers.register(builder.build());

            // when / then
            assertThatThrownBy(() -> customers.addIdentity(new AddContactIdentity(many.id(),
                    ContactIdentity.of(Channel.EMAIL, "one.more@example.com"))))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("identities"));
            assertThat(customers.get(many.id()).identities()).hasSize(dev.rapport.spi.validation.Limits.IDENTITIES);
        }
    }

    @Nested
    @DisplayName("consent, finding and listing")
    class ConsentAndQueries {

        @Test
        @DisplayName("setting consent records it per channel and publishes CustomerUpdated")
        void setConsent() {
            // given
            Customer ann = t.customer();

            // when
            customers.setConsent(new SetConsent(ann.id(), Channel.SMS, ConsentStatus.OPTED_OUT));
            Customer updated = customers.setConsent(new SetConsent(ann.id(), Channel.EMAIL, ConsentStatus.OPTED_IN));

            // then
            assertThat(updated.consents()).isEqualTo(Map.of(Channel.SMS, ConsentStatus.OPTED_OUT,
                    Channel.EMAIL, ConsentStatus.OPTED_IN));
            assertThat(updated.mayContactOn(Channel.SMS)).isFalse();
            assertThat(t.events().events(CustomerUpdated.class)).hasSize(2);
        }

        @Test
        @DisplayName("a consent command with nulls names each field")
        void consentNulls() {
            assertThatThrownBy(() -> customers.setConsent(new SetConsent(null, null, null)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fields()).containsExactly("channel", "consent", "customerId"));
        }

        @Test
        @DisplayName("find, get, list and count see registered customers in registration order")
        void queries() {
            // given
            Customer first = t.customer();
            t.clock().advance(Duration.ofSeconds(1));
            Customer second = t.customer();

            // then
            assertThat(customers.find(first.id())).contains(first);
            assertThat(customers.find(CustomerId.random())).isEmpty();
            assertThatThrownBy(() -> customers.get(CustomerId.random())).isInstanceOf(CustomerNotFoundException.class);
            assertThat(customers.list(PageRequest.first()).items()).containsExactly(first, second);
            assertThat(customers.list(PageRequest.first(1)).hasNext()).isTrue();
            assertThat(customers.count()).isEqualTo(2);
            assertThatThrownBy(() -> customers.find(null)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> customers.list(null)).isInstanceOf(ValidationException.class);
        }
    }
}
