package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.CustomerStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Customers: round trips, versions, unique ids and contact identities, lookups by identity.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Customers"; not meant to be run on its own.
 */
public abstract class CustomerContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected CustomerContract(Supplier<RapportStorage> storage) {
        super(storage);
    }

    @Test
    @DisplayName("findAllById returns every stored customer among the ids with its identities, skips unknown ids and counts repeats once")
    void findAllCustomersById() {
        // given
        Customer full = customers().insert(TestData.customerWithEveryField().build());
        Customer plain = storedCustomer();
        Customer other = storedCustomer();
        CustomerId unknown = CustomerId.random();

        // when
        Map<CustomerId, Customer> found = customers().findAllById(
                List.of(plain.id(), unknown, full.id(), plain.id()));

        // then
        assertThat(found).containsOnly(Map.entry(full.id(), full), Map.entry(plain.id(), plain))
                .doesNotContainKey(other.id());
        assertThat(found.get(full.id()).identities()).isEqualTo(full.identities());
        assertThat(customers().findAllById(List.of())).isEmpty();
        assertThat(customers().findAllById(Set.of(unknown))).isEmpty();
    }

    @Test
    @DisplayName("findAllById answers for 1,200 ids at once, more than one IN list holds")
    void findManyCustomersById() {
        // given
        List<CustomerId> ids = new ArrayList<>();
        storage().transactions().runInTransaction(() -> {
            for (int i = 0; i < 1_200; i++) {
                ids.add(storedCustomer().id());
            }
        });

        // when
        Map<CustomerId, Customer> found = customers().findAllById(ids);

        // then
        assertThat(found).hasSize(1_200);
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    @DisplayName("an inserted customer comes back with version 1, whatever version it carried")
    void insertedCustomerHasVersionOne() {
        // given
        Customer customer = TestData.customer().version(7).build();

        // when
        Customer stored = customers().insert(customer);

        // then
        assertThat(stored.version()).isEqualTo(1);
        assertThat(customers().get(customer.id()).version()).isEqualTo(1);
    }

    @Test
    @DisplayName("a customer with every field set comes back exactly as stored")
    void customerWithEveryFieldRoundTrips() {
        // given
        Customer customer = TestData.customerWithEveryField().build();

        // when
        Customer stored = customers().insert(customer);

        // then
        assertThat(stored).isEqualTo(customer.withVersion(1));
        assertThat(customers().findById(customer.id())).contains(customer.withVersion(1));
    }

    @Test
    @DisplayName("a customer with empty optionals and empty collections comes back with them empty")
    void customerWithEmptyOptionalsRoundTrips() {
        // given
        Instant now = TestData.now();
        Customer customer = Customer.builder().id(CustomerId.random()).name("Ng").createdAt(now)
                .updatedAt(now).build();

        // when
        customers().insert(customer);

        // then
        Customer found = customers().get(customer.id());
        assertThat(found).isEqualTo(customer.withVersion(1));
        assertThat(found.identities()).isEmpty();
        assertThat(found.preferredChannel()).isEmpty();
        assertThat(found.birthday()).isEmpty();
        assertThat(found.segment()).isEmpty();
        assertThat(found.acquisitionCost()).isEmpty();
        assertThat(found.consents()).isEmpty();
        assertThat(found.attributes()).isEmpty();
    }

    @Test
    @DisplayName("a customer at every size limit (name, 50 identities, 100 attributes of 2,000 characters) round-trips")
    void customerAtLimitsRoundTrips() {
        // given
        Customer customer = TestData.customerAtLimits().build();

        // when
        customers().insert(customer);

        // then
        assertThat(customers().get(customer.id())).isEqualTo(customer.withVersion(1));
        for (ContactIdentity identity : customer.identities()) {
            assertThat(customers().findByIdentity(identity.channel(), identity.value()))
                    .as("found by %s identity", identity.channel()).map(Customer::id).contains(customer.id());
        }
    }

    @Test
    @DisplayName("locales with script and region and unusual time zones round-trip")
    void unusualLocalesAndZonesRoundTrip() {
        // given
        List<Locale> locales = List.of(Locale.forLanguageTag("zh-Hant-TW"), Locale.forLanguageTag("sr-Latn-RS"),
                Locale.forLanguageTag("pt-BR"), Locale.forLanguageTag("es-419"), Locale.forLanguageTag("de-CH"),
                Locale.forLanguageTag("ar-EG"), Locale.forLanguageTag("ja"), Locale.forLanguageTag("en-IN"),
                Locale.forLanguageTag("fr-CA"), Locale.forLanguageTag("uk-UA"));
        List<ZoneId> zones = List.of(ZoneId.of("Asia/Kathmandu"), ZoneId.of("Pacific/Chatham"),
                ZoneId.of("America/St_Johns"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Kiritimati"),
                ZoneId.of("Etc/GMT+12"), ZoneId.of("UTC"), ZoneOffset.UTC, ZoneId.of("+05:30"),
                ZoneId.of("UTC+01:00"));
        List<Customer> all = new ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            all.add(TestData.customer().locale(locales.get(i)).timeZone(zones.get(i)).build());
        }

        // when
        all.forEach(customers()::insert);

        // then
        for (Customer customer : all) {
            Customer found = customers().get(customer.id());
            assertThat(found.locale()).isEqualTo(customer.locale());
            assertThat(found.timeZone()).isEqualTo(customer.timeZone());
            assertThat(found).isEqualTo(customer.withVersion(1));
        }
    }

    @Test
    @DisplayName("every customer status and both consent values on every channel round-trip")
    void everyStatusAndConsentRoundTrips() {
        // given
        List<Customer> all = new ArrayList<>();
        for (CustomerStatus status : CustomerStatus.values()) {
            Map<Channel, ConsentStatus> consents = new LinkedHashMap<>();
            List<Channel> channels = new ArrayList<>(Channel.BUILT_IN);
            channels.add(TestData.LINE);
            for (int i = 0; i < channels.size(); i++) {
                consents.put(channels.get(i), ConsentStatus.values()[(i + status.ordinal()) % 2]);
            }
            all.add(TestData.customer().status(status).consents(consents).build());
        }

        // when
        all.forEach(customers()::insert);

        // then
        for (Customer customer : all) {
            assertThat(customers().get(customer.id())).isEqualTo(customer.withVersion(1));
        }
    }

    @Test
    @DisplayName("text is kept exactly: no Unicode normalisation, no trimming, empty strings stay empty")
    void textIsKeptExactly() {
        // given
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("empty", "");
        attributes.put("padded", "  two spaces either side  ");
        attributes.put("lines", "first\r\nsecond\n\tindented\n");
        attributes.put("decomposed", "Cafe\u0301");
        attributes.put("composed", "Caf\u00e9");
        Customer decomposed = TestData.customer().name("Rene\u0301e 🧑🏿‍🚀").attributes(attributes).build();
        Customer composed = TestData.customer().name("Ren\u00e9e 🧑🏿‍🚀").build();

        // when
        customers().insert(decomposed);
        customers().insert(composed);

        // then
        assertThat(customers().get(decomposed.id()).name()).isEqualTo("Rene\u0301e 🧑🏿‍🚀");
        assertThat(customers().get(composed.id()).name()).isEqualTo("Ren\u00e9e 🧑🏿‍🚀");
        assertThat(customers().get(decomposed.id()).attributes()).isEqualTo(attributes);
    }

    @Test
    @DisplayName("each update raises the version by one and stores every changed field")
    void updateRaisesVersionByOne() {
        // given
        Customer v1 = customers().insert(TestData.customer().build());

        // when
        Customer v2 = customers().update(v1.toBuilder().name("Ada King").segment("vip")
                .updatedAt(v1.updatedAt().plusSeconds(5)).build());
        Customer v3 = customers().update(v2.toBuilder().status(CustomerStatus.CHURNED)
                .preferredChannel(Channel.PHONE).build());

        // then
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(customers().get(v1.id())).isEqualTo(v3)
                .isEqualTo(v2.toBuilder().status(CustomerStatus.CHURNED).preferredChannel(Channel.PHONE)
                        .version(3).build());
    }

    @Test
    @DisplayName("an update based on a stale version is rejected and changes nothing")
    void staleCustomerUpdateIsRejected() {
        // given
        Customer v1 = storedCustomer();
        Customer v2 = customers().update(v1.toBuilder().name("Changed by someone else").build());

        // when
        StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                () -> customers().update(v1.toBuilder().name("Late change").segment("late").build()));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.id()).isEqualTo(v1.id().toString());
        assertThat(thrown.expectedVersion()).isEqualTo(1);
        assertThat(customers().get(v1.id())).isEqualTo(v2);
    }

    @Test
    @DisplayName("updating an unknown customer throws CustomerNotFoundException with its id and stores nothing")
    void updatingUnknownCustomerThrowsNotFound() {
        // given
        Customer unknown = TestData.customer().version(1).build();

        // when
        CustomerNotFoundException thrown = catchThrowableOfType(CustomerNotFoundException.class,
                () -> customers().update(unknown));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.customerId()).isEqualTo(unknown.id());
        assertThat(customers().findById(unknown.id())).isEmpty();
        assertThat(customers().count()).isZero();
        ContactIdentity email = unknown.identities().get(0);
        assertThat(customers().findByIdentity(email.channel(), email.value())).isEmpty();
    }

    @Test
    @DisplayName("an unknown id finds nothing, and get throws CustomerNotFoundException with the id")
    void unknownCustomerIsNotFound() {
        // given
        CustomerId unknown = CustomerId.random();
        storedCustomer();

        // when
        Optional<Customer> found = customers().findById(unknown);
        CustomerNotFoundException thrown = catchThrowableOfType(CustomerNotFoundException.class,
                () -> customers().get(unknown));

        // then
        assertThat(found).isEmpty();
        assertThat(thrown).isNotNull();
        assertThat(thrown.customerId()).isEqualTo(unknown);
    }

    @Test
    @DisplayName("a second customer with the same id is rejected on key \"id\" and the first stays as it was")
    void duplicateCustomerIdIsRejected() {
        // given
        Customer first = storedCustomer();
        Customer second = TestData.customer().id(first.id()).name("Impostor").build();

        // when
        DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                () -> customers().insert(second));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.keyName()).isEqualTo("id");
        assertThat(customers().get(first.id())).isEqualTo(first);
        assertThat(customers().count()).isEqualTo(1);
        ContactIdentity email = second.identities().get(0);
        assertThat(customers().findByIdentity(email.channel(), email.value())).isEmpty();
    }

    @Test
    @DisplayName("a customer is found by email case-insensitively, Unicode included, and ignoring surrounding spaces")
    void findsCustomerByEmailCaseInsensitively() {
        // given
        Customer customer = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, "Zoë.Ørsted@Bücher.Example"))).build());

        // when / then
        for (String query : List.of("Zoë.Ørsted@Bücher.Example", "zoë.ørsted@bücher.example",
                "ZOË.ØRSTED@BÜCHER.EXAMPLE", "  zoë.ørsted@BÜCHER.example ")) {
            assertThat(customers().findByIdentity(Channel.EMAIL, query)).as(query).contains(customer);
        }
    }

    @Test
    @DisplayName("a customer is found by phone number whatever its formatting: \"+44 20 7946-0000\" finds \"00442079460000\"")
    void findsCustomerByNormalisedPhoneNumber() {
        // given
        Customer stored = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.PHONE, "00442079460000"))).build());
        Customer formatted = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.WHATSAPP, "+44 (20) 7946-0001"))).build());

        // when / then
        for (String query : List.of("+44 20 7946-0000", "+442079460000", "0044 20 7946 0000",
                "+44.20.7946.0000", "(+44) 20/7946/0000")) {
            assertThat(customers().findByIdentity(Channel.PHONE, query)).as(query).contains(stored);
        }
        assertThat(customers().findByIdentity(Channel.WHATSAPP, "00442079460001")).contains(formatted);
    }

    @Test
    @DisplayName("an identity is looked up on its own channel only")
    void identityLookupRespectsTheChannel() {
        // given
        Customer customer = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.PHONE, "+44 20 7946 0100"))).build());

        // when / then
        assertThat(customers().findByIdentity(Channel.PHONE, "+442079460100")).contains(customer);
        assertThat(customers().findByIdentity(Channel.SMS, "+442079460100")).isEmpty();
        assertThat(customers().findByIdentity(Channel.WHATSAPP, "+442079460100")).isEmpty();
    }

    @Test
    @DisplayName("an unknown or malformed identity finds nothing and throws nothing")
    void unknownOrMalformedIdentityFindsNothing() {
        // given
        storedCustomer();

        // when / then
        assertThat(customers().findByIdentity(Channel.EMAIL, "nobody@example.com")).isEmpty();
        assertThat(customers().findByIdentity(Channel.PHONE, "call me maybe")).isEmpty();
        assertThat(customers().findByIdentity(Channel.EMAIL, "")).isEmpty();
        assertThat(customers().findByIdentity(TestData.LINE, "%")).isEmpty();
    }

    @Test
    @DisplayName("inserting a customer with an identity another holds throws ContactIdentityConflictException naming the holder, and stores nothing")
    void identityConflictOnInsertIsRejected() {
        // given
        Customer holder = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, "ada.lovelace@example.com"))).build());
        String otherPhone = TestData.phone();
        Customer newcomer = TestData.customer().identities(List.of(
                ContactIdentity.of(Channel.PHONE, otherPhone),
                ContactIdentity.primary(Channel.EMAIL, "  Ada.Lovelace@EXAMPLE.com"))).build();

        // when
        ContactIdentityConflictException thrown = catchThrowableOfType(ContactIdentityConflictException.class,
                () -> customers().insert(newcomer));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.holder()).isEqualTo(holder.id());
        assertThat(thrown.identity().channel()).isEqualTo(Channel.EMAIL);
        assertThat(thrown.identity().normalized()).isEqualTo("ada.lovelace@example.com");
        assertThat(customers().findById(newcomer.id())).isEmpty();
        assertThat(customers().count()).isEqualTo(1);
        assertThat(customers().findByIdentity(Channel.PHONE, otherPhone)).isEmpty();
        assertThat(customers().findByIdentity(Channel.EMAIL, "ada.lovelace@example.com")).contains(holder);
    }

    @Test
    @DisplayName("updating a customer to take another's identity throws ContactIdentityConflictException and changes nothing")
    void identityConflictOnUpdateIsRejected() {
        // given
        Customer holder = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.PHONE, "+44 20 7946 0200"))).build());
        Customer other = storedCustomer();
        List<ContactIdentity> grabbing = new ArrayList<>(other.identities());
        grabbing.add(ContactIdentity.primary(Channel.PHONE, "0044-20-7946-0200"));
        grabbing.remove(1); // the other's own phone, so that one primary phone remains

        // when
        ContactIdentityConflictException thrown = catchThrowableOfType(ContactIdentityConflictException.class,
                () -> customers().update(other.toBuilder().identities(grabbing).name("Grabber").build()));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.holder()).isEqualTo(holder.id());
        assertThat(customers().get(other.id())).isEqualTo(other);
        assertThat(customers().findByIdentity(Channel.PHONE, "+442079460200")).contains(holder);
        ContactIdentity otherPhone = other.identities().get(1);
        assertThat(customers().findByIdentity(otherPhone.channel(), otherPhone.value())).contains(other);
    }

    @Test
    @DisplayName("an identity released by an update can be taken by another customer")
    void releasedIdentityCanBeTakenByAnother() {
        // given
        Customer first = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, "shared.inbox@example.com"),
                ContactIdentity.of(Channel.PHONE, TestData.phone()))).build());
        Customer released = customers().update(first.toBuilder()
                .identities(List.of(first.identities().get(1))).build());

        // when
        Customer second = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, "Shared.Inbox@example.com"))).build());

        // then
        assertThat(customers().findByIdentity(Channel.EMAIL, "shared.inbox@example.com")).contains(second);
        assertThat(customers().get(first.id())).isEqualTo(released);
    }

    @Test
    @DisplayName("lookups by identity follow updates: a removed identity finds nothing, an added one finds the latest version")
    void identityIndexFollowsUpdates() {
        // given
        Customer v1 = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.PHONE, "+44 20 7946 0300"))).build());

        // when
        Customer v2 = customers().update(v1.toBuilder().name("Moved house").identities(List.of(
                ContactIdentity.primary(Channel.PHONE, "+44 20 7946 0301"))).build());

        // then
        assertThat(customers().findByIdentity(Channel.PHONE, "+44 20 7946 0300")).isEmpty();
        assertThat(customers().findByIdentity(Channel.PHONE, "+44 20 7946 0301")).contains(v2);
        assertThat(v2.version()).isEqualTo(2);
    }

    @Test
    @DisplayName("a customer may keep its own identities across updates, even written differently, and the new spelling is stored")
    void customerKeepsItsOwnIdentitiesAcrossUpdates() {
        // given
        Customer v1 = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, "keep.me@example.com"),
                ContactIdentity.of(Channel.PHONE, "+44 20 7946 0400"))).build());

        // when
        Customer v2 = customers().update(v1.toBuilder().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, "Keep.Me@Example.com"),
                new ContactIdentity(Channel.PHONE, "00442079460400", false, true))).build());

        // then
        assertThat(customers().get(v1.id())).isEqualTo(v2);
        assertThat(v2.identities().get(0).value()).isEqualTo("Keep.Me@Example.com");
        assertThat(customers().findByIdentity(Channel.EMAIL, "keep.me@example.com")).contains(v2);
        assertThat(customers().findByIdentity(Channel.PHONE, "+44 20 7946 0400")).contains(v2);
    }

    @Test
    @DisplayName("count tells how many customers are stored, and a rejected insert does not count")
    void countsCustomers() {
        // given
        assertThat(customers().count()).isZero();
        Customer first = storedCustomer();
        storedCustomer();
        storedCustomer();

        // when
        catchThrowableOfType(DuplicateEntityException.class, () -> customers().insert(first));

        // then
        assertThat(customers().count()).isEqualTo(3);
    }
}
