package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.internal.DefaultValidation;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.validation.Limits;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The plain rules of an import's commands")
class CheckedCommandsTest {

    private static final Validator HOST = DefaultValidation.validator(Clock.systemUTC());

    /** Texts that break one rule or another, and texts on either side of every length the commands set. */
    private static List<String> hostileTexts() {
        List<String> texts = new ArrayList<>(List.of("", " ", "\t", "\n", " \u0000 ", "\u00a0", "\u2003", "ok",
                "Ann Lee", "a\tb", "a\nb", "a\rb", "a\r\nb", "a\u0000b", "a\u001fb", "a\u007fb", "a\u0085b",
                "a\u009fb", "\ud83d\ude00", "a\ud83d", "\ud83db", "\ude00a", "a\ude00\ud83d", "\ud83d\ud83d",
                "Ünïcödé", "日本語", "code-1.x_y", "-lead", "_lead", ".lead", "ä-code", "code-ä", "\u0663",
                "a b", "a/b", "Delivery", "zendesk:100001", "zendesk:100001/first-reply", "\u200b", "\ufeffa"));
        for (int length : List.of(Limits.NAME, Limits.SUBJECT, Limits.KEY, Limits.TEXT, 64)) {
            texts.add("a".repeat(length));
            texts.add("a".repeat(length + 1));
            texts.add("é".repeat(length + 1));
            texts.add("\ud83d\ude00".repeat(length / 2 + 1));
        }
        return texts;
    }

    /** The components the row parser checks, with how it hands a text to the validator. */
    private static Map<String, Function<String, Object>> parsedComponents() {
        Map<String, Function<String, Object>> components = new LinkedHashMap<>();
        components.put("RegisterCustomer.name", text -> text);
        components.put("OpenCase.subject", text -> text);
        components.put("OpenCase.category", Optional::of);
        components.put("RecordInteraction.summary", Optional::of);
        components.put("RecordInteraction.externalId", Optional::of);
        components.put("RecordFeedback.comment", Optional::of);
        return components;
    }

    private static Class<?> command(String name) {
        return switch (name) {
            case "RegisterCustomer" -> RegisterCustomer.class;
            case "OpenCase" -> OpenCase.class;
            case "RecordInteraction" -> RecordInteraction.class;
            default -> RecordFeedback.class;
        };
    }

    @Test
    @DisplayName("pass a parsed value only when the host's validator finds nothing wrong with it")
    void propertiesNeverPassWhatTheValidatorRefuses() {
        // given every hostile text for every component the row parser checks
        List<String> passedWrongly = new ArrayList<>();
        int passed = 0;
        int refused = 0;

        // when the plain rules and the host's validator judge each
        for (Map.Entry<String, Function<String, Object>> component : parsedComponents().entrySet()) {
            String[] parts = component.getKey().split("\\.");
            @SuppressWarnings("unchecked")
            Class<Object> type = (Class<Object>) command(parts[0]);
            for (String text : hostileTexts()) {
                Object value = component.getValue().apply(text);
                boolean plain = CheckedCommands.passesProperty(type, parts[1], value);
                boolean valid = HOST.validateValue(type, parts[1], value).isEmpty();
                if (plain && !valid) {
                    passedWrongly.add(component.getKey() + " <" + text.substring(0, Math.min(20, text.length()))
                            + "> (" + text.length() + ")");
                }
                passed += plain ? 1 : 0;
                refused += valid ? 0 : 1;
            }
        }

        // then nothing the validator refuses passes, and both outcomes occur
        assertThat(passedWrongly).isEmpty();
        assertThat(passed).isPositive();
        assertThat(refused).isPositive();
    }

    @Test
    @DisplayName("pass the values of an ordinary row without the validator")
    void passOrdinaryValues() {
        // given the values of an ordinary ticket
        // when the plain rules judge them
        // then each passes, so the validator is not asked
        assertThat(CheckedCommands.passesProperty(RegisterCustomer.class, "name", "Ann Lee")).isTrue();
        assertThat(CheckedCommands.passesProperty(OpenCase.class, "subject", "Parcel not delivered")).isTrue();
        assertThat(CheckedCommands.passesProperty(OpenCase.class, "category", Optional.of("delivery"))).isTrue();
        assertThat(CheckedCommands.passesProperty(RecordInteraction.class, "summary",
                Optional.of("Where is my parcel?\nOrder ORD-1001"))).isTrue();
        assertThat(CheckedCommands.passesProperty(RecordInteraction.class, "externalId",
                Optional.of("zendesk:100001"))).isTrue();
        assertThat(CheckedCommands.passesProperty(RecordFeedback.class, "comment", Optional.empty())).isTrue();
        assertThat(CheckedCommands.passesProperty(RecordFeedback.class, "score", 5)).isFalse();
    }

    @Test
    @DisplayName("pass a whole command only when the host's validator finds nothing wrong with it")
    void commandsNeverPassWhatTheValidatorRefuses() {
        // given commands as an import builds them, with every hostile text in each text component, instants at and
        // beyond the supported range, and components an import never fills
        List<Object> commands = new ArrayList<>();
        CustomerId customer = CustomerId.random();
        CaseId caseId = CaseId.random();
        for (String text : hostileTexts()) {
            commands.add(openCase(customer).subject(text).build());
            commands.add(openCase(customer).category(text).build());
            commands.add(interaction(customer, caseId).summary(text).build());
            commands.add(interaction(customer, caseId).externalId(text).build());
            commands.add(feedback(customer, caseId).comment(text).build());
        }
        for (Instant at : List.of(Instant.MIN, Instant.MAX, Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("0001-01-01T00:00:00Z").minusNanos(1), Instant.parse("9999-12-31T23:59:59.999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999Z").plusNanos(1), Instant.parse("2024-03-01T09:15:00.5Z"),
                Instant.parse("2024-03-01T09:15:00.000000001Z"))) {
            commands.add(interaction(customer, caseId).occurredAt(at).build());
            commands.add(feedback(customer, caseId).receivedAt(at).build());
        }
        commands.add(interaction(customer, caseId).kind(InteractionKind.MESSAGE).waitTime(Duration.ofSeconds(5))
                .build());
        commands.add(interaction(customer, caseId).kind(InteractionKind.CALL).abandoned(true).build());
        commands.add(interaction(customer, caseId).kind(InteractionKind.CALL).build());
        commands.add(interaction(customer, caseId).orderRef(" ").build());
        commands.add(feedback(customer, caseId).score(6).build());
        commands.add(feedback(customer, caseId).score(0).build());
        commands.add(feedback(customer, caseId).metric(FeedbackMetric.NPS).build());
        commands.add(feedback(customer, caseId).scale(new Scale(5, 5, ScaleDirection.HIGHER_IS_BETTER)).score(5)
                .build());
        commands.add(feedback(customer, caseId).scale(new Scale(1, 5, null)).build());
        commands.add(openCase(customer).tag("vip").build());
        commands.add(openCase(customer).type("bad type").build());

        // when the plain rules and the host's validator judge each
        List<String> passedWrongly = new ArrayList<>();
        int passed = 0;
        for (Object command : commands) {
            boolean plain = CheckedCommands.passes(command);
            if (plain && !HOST.validate(command).isEmpty()) {
                passedWrongly.add(command.toString().substring(0, Math.min(160, command.toString().length())));
            }
            passed += plain ? 1 : 0;
        }

        // then nothing the validator refuses passes; the ordinary ones do
        assertThat(passedWrongly).isEmpty();
        assertThat(passed).isPositive();
        assertThat(CheckedCommands.passes(openCase(customer).build())).isTrue();
        assertThat(CheckedCommands.passes(interaction(customer, caseId).build())).isTrue();
        assertThat(CheckedCommands.passes(feedback(customer, caseId).build())).isTrue();
        assertThat(CheckedCommands.passes(RegisterCustomer.builder().name("Ann Lee").build())).isTrue();
    }

    /** Addresses that break a rule or sit on its edge, for email and phone. */
    private static List<ContactIdentity> hostileIdentities() {
        List<ContactIdentity> identities = new ArrayList<>();
        List<String> addresses = new ArrayList<>(List.of("ann@example.com", "ANN@Example.COM", "ann@", "@x.y",
                "ann@example", "a b@example.com", "ann\u0000@example.com", "ann@exa\ud83d.com", " ann@example.com ",
                "\u2003", "\u00a0ann@example.com", "ännä@exämple.com", "ann@example.com\n", "+1 (212) 555-0147",
                "0049 30 1234567", "555", "+", "++1 212", "+1 212 555 0147 ext 9", "phone", "\t+1 212 555 0147"));
        addresses.add("a".repeat(Limits.ADDRESS - 12) + "@example.com");
        addresses.add("a".repeat(Limits.ADDRESS - 11) + "@example.com");
        addresses.add("+1" + "2".repeat(Limits.ADDRESS));
        for (String address : addresses) {
            for (Channel channel : List.of(Channel.EMAIL, Channel.PHONE, Channel.WHATSAPP)) {
                identities.add(ContactIdentity.primary(channel, address));
                identities.add(ContactIdentity.of(channel, address));
            }
        }
        return identities;
    }

    @Test
    @DisplayName("pass an address, a registration or a customer only when the host's validator finds nothing wrong")
    void customersNeverPassWhatTheValidatorRefuses() {
        // given hostile addresses, alone, in registrations (with hostile names too) and in customers
        List<Object> values = new ArrayList<>();
        for (ContactIdentity identity : hostileIdentities()) {
            values.add(identity);
            values.add(RegisterCustomer.builder().name("Ann Lee").identity(identity).build());
            values.add(customer().identities(List.of(identity)).build());
        }
        for (String name : hostileTexts()) {
            values.add(RegisterCustomer.builder().name(name).identity(ContactIdentity.primary(Channel.EMAIL,
                    "ann@example.com")).build());
            values.add(customer().name(name).build());
        }
        ContactIdentity email = ContactIdentity.primary(Channel.EMAIL, "ann@example.com");
        values.add(RegisterCustomer.builder().name("Ann Lee").identity(email).identity(ContactIdentity.primary(
                Channel.EMAIL, "ANN@example.com")).build());
        values.add(RegisterCustomer.builder().name("Ann Lee").identity(email).identity(ContactIdentity.primary(
                Channel.EMAIL, "bob@example.com")).build());
        values.add(customer().identities(List.of(email, ContactIdentity.of(Channel.EMAIL, " ann@example.com"))).build());
        values.add(customer().identities(List.of(email, ContactIdentity.primary(Channel.EMAIL, "bob@example.com")))
                .build());
        values.add(RegisterCustomer.builder().name("Ann Lee").identity(email).actor(Actor.agent(AgentId.random()))
                .build());
        values.add(RegisterCustomer.builder().name("Ann Lee").identity(email).locale(java.util.Locale.forLanguageTag(
                "de-DE")).build());
        values.add(customer().createdAt(Instant.parse("2024-03-01T09:15:00.000000001Z")).build());
        values.add(customer().segment("no segment").build());

        // when the plain rules and the host's validator judge each
        List<String> passedWrongly = new ArrayList<>();
        int passed = 0;
        for (Object value : values) {
            boolean plain = value instanceof ContactIdentity identity ? CheckedCommands.passes(identity)
                    : CheckedCommands.passes(value);
            if (plain && !HOST.validate(value).isEmpty()) {
                passedWrongly.add(value.toString().substring(0, Math.min(160, value.toString().length())));
            }
            passed += plain ? 1 : 0;
        }

        // then nothing the validator refuses passes; an ordinary address, registration and customer do
        assertThat(passedWrongly).isEmpty();
        assertThat(passed).isPositive();
        assertThat(CheckedCommands.passes(email)).isTrue();
        assertThat(CheckedCommands.passes(ContactIdentity.primary(Channel.PHONE, "+1 (212) 555-0147"))).isTrue();
        assertThat(CheckedCommands.passes((Object) RegisterCustomer.builder().name("Ann Lee").identity(email)
                .identity(ContactIdentity.primary(Channel.PHONE, "+1 (212) 555-0147")).build())).isTrue();
        assertThat(CheckedCommands.passes((Object) customer().build())).isTrue();
        assertThat(HOST.validate(Actor.system())).isEmpty();
    }

    private static Customer.Builder customer() {
        Instant at = Instant.parse("2024-03-01T09:15:00Z");
        return Customer.builder().id(CustomerId.random()).name("Ann Lee")
                .identities(List.of(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")))
                .createdAt(at).updatedAt(at);
    }

    @Test
    @DisplayName("rely on the commands' components and constraints as they are now")
    void pinsTheConstraintsItReliesOn() {
        // given the three commands the rules are written for
        // when their components' constraints are read
        Map<String, String> open = constraints(OpenCase.class);
        Map<String, String> interaction = constraints(RecordInteraction.class);
        Map<String, String> feedback = constraints(RecordFeedback.class);

        // then they are those CheckedCommands was written for (a change must be looked at there first)
        assertThat(open).containsExactlyInAnyOrderEntriesOf(Map.of("customerId", "[NotNull]",
                "subject", "[NotBlank, PlainText, Size]", "category", "[Code, NotNull]", "type", "[Code, NotNull]",
                "priority", "[NotNull]", "originChannel", "[NotNull]", "language", "[LanguageTag, NotNull]",
                "requiredSkills", "[Code, NotNull, Size]", "tags", "[Code, NotNull, Size]",
                "fields", "[Code, NotNull, Size, Valid]"));
        Map<String, String> expectedInteraction = new LinkedHashMap<>();
        for (String name : List.of("customerId", "channel", "direction", "agentId", "caseId", "kind", "handledBy",
                "visibility")) {
            expectedInteraction.put(name, "[NotNull]");
        }
        expectedInteraction.put("occurredAt", "[NotNull, SupportedInstant]");
        expectedInteraction.put("handleTime", "[NotNull, Valid]");
        expectedInteraction.put("summary", "[NotNull, PlainText, Size]");
        expectedInteraction.put("externalId", "[NotNull, Pattern, PlainText, Size]");
        expectedInteraction.put("orderRef", "[NotNull, Pattern, PlainText, Size]");
        expectedInteraction.put("amount", "[NotNull, Valid]");
        expectedInteraction.put("reason", "[Code, NotNull]");
        expectedInteraction.put("waitTime", "[NotNull, WaitTime]");
        expectedInteraction.put("abandoned", "[]");
        assertThat(interaction).containsExactlyInAnyOrderEntriesOf(expectedInteraction);
        Map<String, String> expectedFeedback = new LinkedHashMap<>();
        for (String name : List.of("customerId", "metric", "caseId", "interactionId", "agentId", "channel")) {
            expectedFeedback.put(name, "[NotNull]");
        }
        expectedFeedback.put("scale", "[NotNull, Valid]");
        expectedFeedback.put("score", "[]");
        expectedFeedback.put("comment", "[NotNull, PlainText, Size]");
        expectedFeedback.put("receivedAt", "[NotNull, SupportedInstant]");
        expectedFeedback.put("orderRef", "[NotNull, Pattern, PlainText, Size]");
        assertThat(feedback).containsExactlyInAnyOrderEntriesOf(expectedFeedback);
        assertThat(names(OpenCase.class.getAnnotations())).isEmpty();
        assertThat(names(RecordInteraction.class.getAnnotations())).containsExactly("CallDetailsFitKind");
        assertThat(names(RecordFeedback.class.getAnnotations())).containsExactly("ScoreOnScale");
        assertThat(constraints(Scale.class)).containsExactlyInAnyOrderEntriesOf(Map.of("min", "[]", "max", "[]",
                "direction", "[NotNull]"));
        assertThat(constraints(ContactIdentity.class)).containsExactlyInAnyOrderEntriesOf(Map.of("channel",
                "[NotNull]", "value", "[NotBlank, PlainText, Size]", "primary", "[]", "verified", "[]"));
        assertThat(names(ContactIdentity.class.getAnnotations())).containsExactly("ValidContactIdentity");
        Map<String, String> registration = new LinkedHashMap<>();
        registration.put("name", "[NotBlank, PlainText, Size]");
        registration.put("identities", "[DistinctIdentities, NotNull, Size, Valid]");
        for (String name : List.of("preferredChannel", "timeZone", "status")) {
            registration.put(name, "[NotNull]");
        }
        registration.put("locale", "[LanguageTag, NotNull]");
        registration.put("birthday", "[NotNull, Past]");
        registration.put("segment", "[Code, NotNull]");
        registration.put("consents", "[NotNull]");
        registration.put("acquisitionCost", "[NotNull, Valid]");
        registration.put("attributes", "[Code, NotNull, PlainText, Size]");
        registration.put("actor", "[NotNull, Valid]");
        assertThat(constraints(RegisterCustomer.class)).containsExactlyInAnyOrderEntriesOf(registration);
        assertThat(names(RegisterCustomer.class.getAnnotations())).isEmpty();
        Map<String, String> customer = new LinkedHashMap<>();
        for (String name : List.of("id", "preferredChannel", "timeZone", "birthday", "status", "ownAgent")) {
            customer.put(name, "[NotNull]");
        }
        customer.put("name", "[NotBlank, PlainText, Size]");
        customer.put("identities", "[NotNull, Size, Valid]");
        customer.put("locale", "[LanguageTag, NotNull]");
        customer.put("segment", "[Code, NotNull]");
        customer.put("consents", "[NotNull]");
        customer.put("acquisitionCost", "[NotNull, Valid]");
        customer.put("attributes", "[Code, NotNull, PlainText, Size]");
        customer.put("createdAt", "[NotNull, SupportedInstant]");
        customer.put("updatedAt", "[NotNull, SupportedInstant]");
        customer.put("version", "[PositiveOrZero]");
        customer.put("tags", "[Code, NotNull, Size]");
        customer.put("fields", "[Code, NotNull, Size, Valid]");
        customer.put("churnReason", "[Code, NotNull]");
        assertThat(constraints(Customer.class)).containsExactlyInAnyOrderEntriesOf(customer);
        assertThat(names(Customer.class.getAnnotations())).containsExactly("ConsistentIdentities");
    }

    private static OpenCase.Builder openCase(CustomerId customer) {
        return OpenCase.builder().customerId(customer).subject("Parcel not delivered").category("delivery")
                .originChannel(Channel.EMAIL);
    }

    private static RecordInteraction.Builder interaction(CustomerId customer, CaseId caseId) {
        return RecordInteraction.builder().customerId(customer).caseId(caseId).channel(Channel.EMAIL).inbound()
                .kind(InteractionKind.MESSAGE).occurredAt(Instant.parse("2024-03-01T09:15:00Z"))
                .summary("Where is my parcel?").externalId("zendesk:1").agentId(AgentId.random());
    }

    private static RecordFeedback.Builder feedback(CustomerId customer, CaseId caseId) {
        return RecordFeedback.builder().customerId(customer).metric(FeedbackMetric.CSAT).scale(Scale.CSAT_1_TO_5)
                .score(5).receivedAt(Instant.parse("2024-03-01T16:40:00Z")).caseId(caseId);
    }

    private static final Pattern ANNOTATION = Pattern.compile("@(?:[\\w$]+\\.)*([\\w$]+)\\(");

    /** Each component's constraint annotations, on it and inside its type, by simple name, sorted. */
    private static Map<String, String> constraints(Class<?> record) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            TreeSet<String> names = new TreeSet<>(names(c.getAnnotations()));
            Matcher m = ANNOTATION.matcher(c.getAnnotatedType().toString());
            while (m.find()) {
                names.add(m.group(1));
            }
            out.put(c.getName(), names.toString());
        }
        return out;
    }

    private static List<String> names(java.lang.annotation.Annotation[] annotations) {
        return Arrays.stream(annotations).map(a -> a.annotationType().getSimpleName()).collect(Collectors.toList());
    }
}
