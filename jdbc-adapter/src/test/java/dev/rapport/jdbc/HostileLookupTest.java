package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.tck.TestData;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Lookups by text the store can never hold (a NUL, another control character, an unpaired surrogate) find nothing and
 * never fail, as on the in-memory store: PostgreSQL refuses a NUL in a parameter, and the driver sends an unpaired
 * surrogate as {@code ?}, which matched a value holding a real {@code ?}. Found by core's
 * {@code CustomerCommandProperties.resolve} on PostgreSQL. Subclassed per database.
 */
abstract class HostileLookupTest {

    /** Texts outside the value domain of every looked-up field. */
    static final List<String> HOSTILE = List.of("ann\u0000@example.com", "ann\u0001@example.com",
            "a\uD800@example.com", "ann@example.com\uDC00");

    abstract DataSource dataSource();

    private RapportStorage storage;

    @BeforeEach
    void freshStore() {
        storage = JdbcStorage.builder().dataSource(dataSource()).tablePrefix(TestDatabases.freshPrefix()).build();
    }

    @Test
    @DisplayName("an identity lookup with text the store cannot hold finds nothing and does not fail")
    void identityLookupWithHostileTextFindsNothing() {
        // given a customer whose address holds a real question mark, as the driver sends an unpaired surrogate
        Customer ann = storage.customers().insert(TestData.customer()
                .identities(List.of(ContactIdentity.primary(Channel.EMAIL, "a?@example.com"))).build());

        // when / then
        for (String hostile : HOSTILE) {
            assertThat(storage.customers().findByIdentity(Channel.EMAIL, hostile)).as(hostile).isEmpty();
        }
        assertThat(storage.customers().findByIdentity(Channel.EMAIL, "a\uD800@example.com")).isEmpty();
        assertThat(storage.customers().findAllByIdentity(Channel.EMAIL,
                List.of("a\uD800@example.com", "ann\u0000@example.com", "a?@example.com")))
                .containsOnlyKeys("a?@example.com").containsValue(ann);
        assertThat(storage.customers().findByIdentity(Channel.EMAIL, "a?@example.com")).contains(ann);
    }

    @Test
    @DisplayName("external id, idempotency key and tag lookups with text the store cannot hold find nothing and do not fail")
    void keyLookupsWithHostileTextFindNothing() {
        // given an interaction and a follow-up keyed with a real question mark, and a tagged customer and case
        Customer ann = storage.customers().insert(TestData.customer().tags(Set.of("vip")).build());
        Interaction call = storage.interactions().insert(TestData.interaction(ann.id()).externalId("call-?").build());
        FollowUp followUp = storage.followUps().insert(TestData.followUp(ann.id()).idempotencyKey("key-?").build());
        Case parcel = storage.cases().insert(TestData.supportCase(ann.id()).tags(Set.of("vip")).build());

        // when / then
        for (String hostile : List.of("call-\u0000", "call-\uD800", "key-\u0000", "key-\uD800", "vip\u0000",
                "vip\uD800")) {
            assertThat(storage.interactions().findByExternalId(hostile)).as(hostile).isEmpty();
            assertThat(storage.interactions().findAllByExternalId(List.of(hostile))).as(hostile).isEmpty();
            assertThat(storage.followUps().findByIdempotencyKey(hostile)).as(hostile).isEmpty();
            assertThat(storage.customers().findByTag(hostile, PageRequest.first()).items()).as(hostile).isEmpty();
            assertThat(storage.cases().findByTag(hostile, PageRequest.first()).items()).as(hostile).isEmpty();
        }
        assertThat(storage.interactions().findByExternalId("call-?")).contains(call);
        assertThat(storage.followUps().findByIdempotencyKey("key-?")).isPresent()
                .hasValueSatisfying(found -> assertThat(found.id()).isEqualTo(followUp.id()));
        assertThat(storage.customers().findByTag("vip", PageRequest.first()).items()).extracting(Customer::id)
                .containsExactly(ann.id());
        assertThat(storage.cases().findByTag("vip", PageRequest.first()).items()).extracting(Case::id)
                .containsExactly(parcel.id());
    }
}
