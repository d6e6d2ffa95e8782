package dev.rapport.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.CustomerRegistered;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import dev.rapport.testing.Draft;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.Outcomes;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import dev.rapport.testing.BoundaryTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;
import net.jqwik.api.Label;

/**
 * Every customer command under random and hostile input: it is either accepted and stored exactly, or refused with
 * a {@link ValidationException} naming exactly its bad fields, with the store unchanged and nothing published.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("Customer commands under random and hostile input")
class CustomerCommandProperties {

    private static final LocalDate TODAY = TestRapport.START.atZone(ZoneOffset.UTC).toLocalDate();
    private static final ContactIdentity SEED_EMAIL = ContactIdentity.primary(Channel.EMAIL, "seed@rapport.test");

    @Property(tries = 400)
    @Label("register stores a valid command exactly and refuses an invalid one by its bad fields")
    void register(@ForAll("registrations") Draft draft) {
        // given
        TestRapport t = new TestRapport();
        t.customer("Seed", SEED_EMAIL);
        RegisterCustomer command = new RegisterCustomer(draft.get("name"), draft.get("identities"),
                Optional.ofNullable(draft.get("preferredChannel")), draft.get("locale"), draft.get("timeZone"),
                Optional.ofNullable(draft.get("birthday")), Optional.ofNullable(draft.get("segment")),
                draft.get("consents"), draft.get("status"), Optional.ofNullable(draft.get("acquisitionCost")),
                draft.get("attributes"));
        StoreSnapshot before = t.snapshot();

        // when / then
        Outcomes.expect(t, draft.badFields(), () -> t.rapport().customers().register(command), customer -> {
            assertThat(t.rapport().customers().get(customer.id())).isEqualTo(customer);
            assertThat(customer.name()).isEqualTo(command.name());
            assertThat(customer.identities()).isEqualTo(command.identities());
            assertThat(customer.preferredChannel()).isEqualTo(command.preferredChannel());
            assertThat(customer.locale()).isEqualTo(command.locale());
            assertThat(customer.timeZone()).isEqualTo(command.timeZone());
            assertThat(customer.birthday()).isEqualTo(command.birthday());
            assertThat(customer.segment()).isEqualTo(command.segment());
            assertThat(customer.consents()).isEqualTo(command.consents());
            assertThat(customer.status()).isEqualTo(command.status());
            assertThat(customer.acquisitionCost()).isEqualTo(command.acquisitionCost());
            assertThat(customer.attributes()).isEqualTo(command.attributes());
            assertThat(customer.createdAt()).isEqualTo(TestRapport.START_MICROS);
            assertThat(t.snapshot().customers()).containsExactlyInAnyOrderElementsOf(
                    concat(before.customers(), customer));
            assertThat(t.events().events()).singleElement().isInstanceOf(CustomerRegistered.class);
            for (ContactIdentity identity : customer.identities()) {
                assertThat(t.rapport().customers().resolve(identity.channel(), identity.value()))
                        .map(Customer::id).contains(customer.id());
            }
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 300)
    @Label("update details stores valid details exactly and refuses invalid ones by their bad fields")
    void updateDetails(@ForAll("details") Draft draft) {
        // given
        TestRapport t = new TestRapport();
        Customer seed = t.customer("Seed", SEED_EMAIL);
        UpdateCustomerDetails command = new UpdateCustomerDetails(draft.<Boolean>get("customerId") ? seed.id() : null,
                draft.get("name"), Optional.ofNullable(draft.get("preferredChannel")), draft.get("locale"),
                draft.get("timeZone"), Optional.ofNullable(draft.get("birthday")),
                Optional.ofNullable(draft.get("segment")), draft.get("status"),
                Optional.ofNullable(draft.get("acquisitionCost")), draft.get("attributes"),
                Optional.ofNullable(draft.get("churnReason")));
        if (draft.get("churnReason") != null && draft.get("status") != null
                && draft.get("status") != CustomerStatus.CHURNED) {
            draft.markBad("churnReason"); // a reason only with the status CHURNED
        }

        // when / then
        Outcomes.expect(t, draft.badFields(), () -> t.rapport().customers().updateDetails(command), customer -> {
            assertThat(t.rapport().customers().get(seed.id())).isEqualTo(customer);
            assertThat(customer.name()).isEqualTo(command.name());
            assertThat(customer.preferredChannel()).isEqualTo(command.preferredChannel());
            assertThat(customer.locale()).isEqualTo(command.locale());
            assertThat(customer.timeZone()).isEqualTo(command.timeZone());
            assertThat(customer.birthday()).isEqualTo(command.birthday());
            assertThat(customer.segment()).isEqualTo(command.segment());
            assertThat(customer.status()).isEqualTo(command.status());
            assertThat(customer.acquisitionCost()).isEqualTo(command.acquisitionCost());
            assertThat(customer.attributes()).isEqualTo(command.attributes());
            assertThat(customer.churnReason()).isEqualTo(command.churnReason());
            assertThat(customer.identities()).isEqualTo(seed.identities());
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 300)
    @Label("add identity stores a valid address exactly and refuses an invalid one on identity")
    void addIdentity(@ForAll("customerIdPresent") In<Boolean> customerId,
            @ForAll("oneIdentity") In<ContactIdentity> identity) {
        // given
        TestRapport t = new TestRapport();
        Customer seed = t.customer("Seed", SEED_EMAIL);
        Draft draft = new Draft().with("customerId", customerId).with("identity", identity);
        AddContactIdentity command = new AddContactIdentity(customerId.value() ? seed.id() : null, identity.value());

        // when / then
        Outcomes.expect(t, draft.badFields(), () -> t.rapport().customers().addIdentity(command), customer -> {
            assertThat(customer.identities()).contains(command.identity()).hasSize(2);
            assertThat(t.rapport().customers().resolve(command.identity().channel(), command.identity().value()))
                    .map(Customer::id).contains(seed.id());
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 300)
    @Label("remove identity takes away a matching address, ignores others and refuses bad input by field")
    void removeIdentity(@ForAll("customerIdPresent") In<Boolean> customerId,
            @ForAll("channel") In<Channel> channel, @ForAll("address") In<String> address) {
        // given
        TestRapport t = new TestRapport();
        Customer seed = t.customer("Seed", SEED_EMAIL);
        Draft draft = new Draft().with("customerId", customerId).with("channel", channel).with("address", address);
        RemoveContactIdentity command = new RemoveContactIdentity(customerId.value() ? seed.id() : null,
                channel.value(), address.value());

        // when / then
        Outcomes.expect(t, draft.badFields(), () -> t.rapport().customers().removeIdentity(command), customer -> {
            boolean matches = Channel.EMAIL.equals(command.channel())
                    && ContactIdentity.normalize(Channel.EMAIL, command.address()).equals(SEED_EMAIL.normalized());
            assertThat(customer.identities()).isEqualTo(matches ? List.of() : seed.identities());
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 200)
    @Label("set consent records a valid consent and refuses nulls by field")
    void setConsent(@ForAll("customerIdPresent") In<Boolean> customerId, @ForAll("channel") In<Channel> channel,
            @ForAll("consent") In<ConsentStatus> consent) {
        // given
        TestRapport t = new TestRapport();
        Customer seed = t.customer("Seed", SEED_EMAIL);
        Draft draft = new Draft().with("customerId", customerId).with("channel", channel).with("consent", consent);
        SetConsent command = new SetConsent(customerId.value() ? seed.id() : null, channel.value(), consent.value());

        // when / then
        Outcomes.expect(t, draft.badFields(), () -> t.rapport().customers().setConsent(command),
                customer -> assertThat(customer.consents()).containsEntry(command.channel(), command.consent()));
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 200)
    @Label("resolve never throws for any non-null address and finds only the customer holding it")
    void resolve(@ForAll("channel") In<Channel> channel, @ForAll("address") In<String> address) {
        // given
        TestRapport t = new TestRapport();
        Customer seed = t.customer("Seed", SEED_EMAIL);

        // when
        if (channel.value() == null || address.value() == null) {
            return; // nulls are refused; covered by the example tests
        }
        Optional<Customer> found = t.rapport().customers().resolve(channel.value(), address.value());

        // then
        boolean holds = ContactIdentity.normalize(Channel.EMAIL, address.value()).equals(SEED_EMAIL.normalized())
                && !channel.value().isPhoneNumberBased();
        assertThat(found.map(Customer::id)).isEqualTo(holds ? Optional.of(seed.id()) : Optional.<CustomerId>empty());
    }

    // ---- generators ----------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Draft> registrations() {
        return Builders.withBuilder(Draft::new)
                .use(Hostile.requiredText(Limits.NAME, false)).in((d, v) -> d.with("name", v))
                .use(identities()).in((d, v) -> d.with("identities", v))
                .use(Hostile.optional(Arbitraries.of(Channel.BUILT_IN))).in((d, v) -> d.with("preferredChannel", v))
                .use(locales()).in((d, v) -> d.with("locale", v))
                .use(zones()).in((d, v) -> d.with("timeZone", v))
                .use(Hostile.birthday(TODAY)).in((d, v) -> d.with("birthday", v))
                .use(Hostile.code(true)).in((d, v) -> d.with("segment", v))
                .use(consents()).in((d, v) -> d.with("consents", v))
                .use(Hostile.required(Arbitraries.of(CustomerStatus.class))).in((d, v) -> d.with("status", v))
                .use(absentOr(Hostile.money())).in((d, v) -> d.with("acquisitionCost", v))
                .use(Hostile.attributes(Limits.ATTRIBUTES, Limits.ATTRIBUTE_VALUE)).in((d, v) -> d.with("attributes", v))
                .build();
    }

    @Provide
    Arbitrary<Draft> details() {
        return Builders.withBuilder(Draft::new)
                .use(customerIdPresent()).in((d, v) -> d.with("customerId", v))
                .use(Hostile.requiredText(Limits.NAME, false)).in((d, v) -> d.with("name", v))
                .use(Hostile.optional(Arbitraries.of(Channel.BUILT_IN))).in((d, v) -> d.with("preferredChannel", v))
                .use(locales()).in((d, v) -> d.with("locale", v))
                .use(zones()).in((d, v) -> d.with("timeZone", v))
                .use(Hostile.birthday(TODAY)).in((d, v) -> d.with("birthday", v))
                .use(Hostile.code(true)).in((d, v) -> d.with("segment", v))
                .use(Hostile.required(Arbitraries.of(CustomerStatus.class))).in((d, v) -> d.with("status", v))
                .use(absentOr(Hostile.money())).in((d, v) -> d.with("acquisitionCost", v))
                .use(Hostile.attributes(Limits.ATTRIBUTES, Limits.ATTRIBUTE_VALUE)).in((d, v) -> d.with("attributes", v))
                .use(Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(In.ok((String) null))),
                        Tuple.of(2, Hostile.code(true)))).in((d, v) -> d.with("churnReason", v))
                .build();
    }

    /** Whether the command names the seeded customer (true) or no customer at all (null id, refused). */
    @Provide
    Arbitrary<In<Boolean>> customerIdPresent() {
        return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(In.ok(true))),
                Tuple.of(1, Arbitraries.just(In.bad(false))));
    }

    @Provide
    Arbitrary<In<ContactIdentity>> oneIdentity() {
        return Hostile.identity(1);
    }

    @Provide
    Arbitrary<In<Channel>> channel() {
        return Hostile.required(Arbitraries.of(Channel.BUILT_IN));
    }

    @Provide
    Arbitrary<In<ConsentStatus>> consent() {
        return Hostile.required(Arbitraries.of(ConsentStatus.class));
    }

    /** An address to remove or resolve: anything, or the seeded email in another formatting. */
    @Provide
    Arbitrary<In<String>> address() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Hostile.requiredText(Limits.ADDRESS, false)),
                Tuple.of(2, Hostile.email("07").map(in -> new In<>(in.value(), isAddressText(in.value())))),
                Tuple.of(2, Arbitraries.of("SEED@rapport.test", "  seed@RAPPORT.test ").map(In::ok)));
    }

    /** What a removal accepts as an address: any non-blank plain single-line text within the address limit. */
    private static boolean isAddressText(String value) {
        return value != null && !value.trim().isEmpty() && value.length() <= Limits.ADDRESS
                && PlainTextValidator.isPlainText(value, false);
    }

    private static Arbitrary<In<Locale>> locales() {
        return Hostile.required(Arbitraries.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("pt-BR"),
                Locale.forLanguageTag("zh-Hant-TW"), Locale.ROOT));
    }

    private static Arbitrary<In<ZoneId>> zones() {
        return Hostile.required(Arbitraries.of(ZoneId.of("UTC"), ZoneId.of("Europe/Paris"),
                ZoneId.of("Asia/Kolkata"), ZoneId.of("America/St_Johns"), ZoneOffset.ofHours(-3)));
    }

    private static <T> Arbitrary<In<T>> absentOr(Arbitrary<In<T>> present) {
        return Arbitraries.frequencyOf(Tuple.of(3, present), Tuple.of(1, Arbitraries.just(In.ok((T) null))));
    }

    /** Per-channel consents; a null channel or status is refused. */
    private static Arbitrary<In<Map<Channel, ConsentStatus>>> consents() {
        Arbitrary<In<Channel>> channel = Hostile.required(Arbitraries.of(Channel.BUILT_IN));
        Arbitrary<In<ConsentStatus>> status = Hostile.required(Arbitraries.of(ConsentStatus.class));
        return Combinators.combine(channel, status).as(Tuple::of).list().ofMaxSize(3).map(entries -> {
            Map<Channel, ConsentStatus> map = new LinkedHashMap<>();
            boolean valid = true;
            for (var entry : entries) {
                if (!map.containsKey(entry.get1().value())) {
                    map.put(entry.get1().value(), entry.get2().value());
                    valid &= entry.get1().valid() && entry.get2().valid();
                }
            }
            return new In<>(map, valid);
        });
    }

    /**
     * Up to four identities on random channels, sometimes with a reformatted repeat of the first, sometimes more
     * than the limit. The list is valid when every identity is, none repeats another after normalisation, and no
     * channel has two primaries.
     */
    private static Arbitrary<In<List<ContactIdentity>>> identities() {
        Arbitrary<List<In<ContactIdentity>>> some = Arbitraries.integers().between(0, 4).flatMap(n -> n == 0
                ? Arbitraries.just(List.<In<ContactIdentity>>of())
                : Combinators.combine(IntStream.range(0, n).mapToObj(Hostile::identity).toList()).as(list -> list));
        Arbitrary<In<List<ContactIdentity>>> checked = Combinators.combine(some, Arbitraries.of(false, false, false,
                true)).as((list, repeat) -> {
            List<ContactIdentity> values = new ArrayList<>();
            boolean valid = true;
            for (In<ContactIdentity> in : list) {
                values.add(in.value());
                valid &= in.valid();
            }
            if (repeat && !values.isEmpty() && values.get(0) != null && values.get(0).value() != null) {
                ContactIdentity first = values.get(0);
                String upper = first.value().toUpperCase(Locale.ROOT);
                boolean sameWhenLowered = upper.toLowerCase(Locale.ROOT).equals(first.value().toLowerCase(Locale.ROOT));
                values.add(new ContactIdentity(first.channel(), " " + (sameWhenLowered ? upper : first.value()) + " ",
                        false, false));
                valid = false;
            }
            return new In<>(values, valid && consistent(values));
        });
        Arbitrary<In<List<ContactIdentity>>> tooMany = Arbitraries.just(In.bad(IntStream.rangeClosed(0,
                Limits.IDENTITIES).mapToObj(i -> ContactIdentity.of(Channel.EMAIL, "many" + i + "@example.com"))
                .toList()));
        return Arbitraries.frequencyOf(Tuple.of(30, checked), Tuple.of(1, tooMany));
    }

    /** No identity repeats another after normalisation, and no channel has two primaries. */
    private static boolean consistent(List<ContactIdentity> identities) {
        Set<String> seen = new HashSet<>();
        Set<Channel> primaries = new HashSet<>();
        for (ContactIdentity identity : identities) {
            if (identity == null || identity.channel() == null || identity.value() == null) {
                continue;
            }
            if (!seen.add(identity.channel().code() + "|" + identity.normalized())) {
                return false;
            }
            if (identity.primary() && !primaries.add(identity.channel())) {
                return false;
            }
        }
        return true;
    }

    private static <T> List<T> concat(List<T> list, T element) {
        List<T> all = new ArrayList<>(list);
        all.add(element);
        return all;
    }
}
