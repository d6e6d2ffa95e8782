package dev.rapport.tck;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.complaint.Assessment;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintOutcome;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Complexity;
import dev.rapport.spi.complaint.Escalation;
import dev.rapport.spi.complaint.EscalationLevel;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.complaint.RemedyType;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import dev.rapport.spi.routing.RoutingHolding;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.routing.WorkExclusion;
import dev.rapport.spi.validation.Limits;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Valid, realistic test data for Rapport's aggregates, as pre-filled builders that tests adjust before building.
 * Used by the storage contract and meant for hosts' own tests too, for example with the in-memory adapter.
 *
 * <p>Three flavours per aggregate: a plain one ({@link #customer()}), one with every optional field set and
 * several entries in every collection ({@link #customerWithEveryField()}), and one at the maximum sizes the contract
 * promises to keep ({@link #customerAtLimits()}). Every value satisfies the aggregate's Jakarta constraints. Ids are
 * random; email addresses, phone numbers, external ids and idempotency keys are unique within the JVM, so data from
 * separate calls never clashes on a unique key. Instants are truncated to microseconds, the precision the contract
 * promises. The builders are new on every call and are not thread-safe; this class itself is.
 */
public final class TestData {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static final List<String> NAMES = List.of(
            "Ada Lovelace", "Søren Kierkegaard", "Chidi Okonkwo", "Mei Lin 林美", "Zoë Ørsted", "José Álvarez",
            "Aarav Sharma", "Fatima Al-Sayed", "Łucja Wiśniewska", "Kenji Sato 佐藤健二", "Ngozi Adeyemi",
            "Björn Þórsson");

    private static final List<String> FIRST_NAMES =
            List.of("Ada", "Soren", "Chidi", "Mei", "Zoe", "Jose", "Aarav", "Fatima", "Lucja", "Kenji", "Ngozi", "Bjorn");

    private static final String SAMPLE =
            "Grüße aus Zürich: the parcel 📦 arrived damaged 😞, 你好 世界, مرحبا, Привет, नमस्ते, 👩🏽‍💻 e\u0301 "
                    + "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ok 🎉 ";
    private static final String MULTILINE_SAMPLE =
            "Hello,\n\tthe order 📦 #4711 arrived damaged 😞.\r\nDanke schön, 谢谢, شكرا 👍🏾\n";

    /** The fixed channel for host-defined channels in the data: a LINE messenger account. */
    public static final Channel LINE = Channel.of("line");

    private TestData() {
    }

    // ----------------------------------------------------------------------------------------------------- values

    /**
     * The current instant, truncated to microseconds.
     *
     * @return the system clock's instant now, truncated to microseconds as adapters store it
     */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A new number, unique within the JVM; used to make keys and addresses unique.
     *
     * @return a number no earlier call in this JVM returned
     */
    public static long unique() {
        return SEQUENCE.incrementAndGet();
    }

    /**
     * A unique, realistic email address on a reserved example domain, in mixed case.
     *
     * @return a new email address no earlier call returned
     */
    public static String email() {
        long n = unique();
        return FIRST_NAMES.get((int) (n % FIRST_NAMES.size())) + ".Customer" + n + "@Example.com";
    }

    /**
     * A unique, realistic phone number in international format with spaces, for example {@code +44 20 7946 0123}.
     *
     * @return a new phone number no earlier call returned
     */
    public static String phone() {
        long n = unique() % 100_000_000L;
        String digits = String.format(Locale.ROOT, "%08d", n);
        return "+44 20 " + digits.substring(0, 4) + " " + digits.substring(4);
    }

    /**
     * Single-line text of exactly {@code length} UTF-16 characters, mixing scripts, accents (decomposed too) and
     * emoji made of surrogate pairs, never splitting a pair; it starts with a letter.
     *
     * @param length how many UTF-16 characters the text has; 0 or more
     * @return the text, {@code length} characters long
     */
    public static String text(int length) {
        return repeatToLength(SAMPLE, length);
    }

    /**
     * Like {@link #text(int)} but with tabs, line feeds and carriage returns, as multi-line fields allow.
     *
     * @param length how many UTF-16 characters the text has; 0 or more
     * @return the text, {@code length} characters long
     */
    public static String multilineText(int length) {
        return repeatToLength(MULTILINE_SAMPLE, length);
    }

    private static String repeatToLength(String sample, int length) {
        StringBuilder text = new StringBuilder(length);
        int i = 0;
        while (text.length() < length) {
            int codePoint = sample.codePointAt(i);
            if (text.length() + Character.charCount(codePoint) > length) {
                text.append('x');
            } else {
                text.appendCodePoint(codePoint);
            }
            i = (i + Character.charCount(codePoint)) % sample.length();
        }
        return text.toString();
    }

    /**
     * A unique key of exactly {@code length} characters (letters, digits, dashes), for external ids and keys.
     *
     * @param prefix what the key starts with, followed by a dash and a unique number
     * @param length how many characters the key has; long enough for the prefix and the number
     * @return the key, {@code length} characters long
     */
    public static String key(String prefix, int length) {
        String base = prefix + "-" + unique() + "-";
        StringBuilder key = new StringBuilder(base);
        while (key.length() < length) {
            key.append((char) ('a' + key.length() % 26));
        }
        return key.substring(0, length);
    }

    // -------------------------------------------------------------------------------------------------- customers

    /**
     * A new active customer: a realistic name, a primary email and a phone number (both unique), preferring
     * email, British English, London time, opted in to email, version 0, created now.
     *
     * @return a builder holding that customer, to change before building
     */
    public static Customer.Builder customer() {
        Instant now = now();
        long n = unique();
        return Customer.builder()
                .id(CustomerId.random())
                .name(NAMES.get((int) (n % NAMES.size())))
                .identities(List.of(ContactIdentity.primary(Channel.EMAIL, email()),
                        ContactIdentity.of(Channel.PHONE, phone())))
                .preferredChannel(Channel.EMAIL)
                .locale(Locale.forLanguageTag("en-GB"))
                .timeZone(ZoneId.of("Europe/London"))
                .consents(Map.of(Channel.EMAIL, ConsentStatus.OPTED_IN))
                .createdAt(now)
                .updatedAt(now);
    }

    /**
     * A customer with every optional field set and several entries in every collection: Unicode name and email, five
     * identities on four channels (primary and verified mixed), a Chinese locale with script and region, a
     * 45-minute-offset time zone, a leap-day birthday, consents of both kinds, an acquisition cost with four
     * decimals, and attributes with Unicode keys, multi-line values and emoji.
     *
     * @return a builder holding that customer, to change before building
     */
    public static Customer.Builder customerWithEveryField() {
        long n = unique();
        Instant created = Instant.parse("2023-11-05T01:30:00.123456Z");
        Map<Channel, ConsentStatus> consents = new LinkedHashMap<>();
        consents.put(Channel.EMAIL, ConsentStatus.OPTED_IN);
        consents.put(Channel.SMS, ConsentStatus.OPTED_OUT);
        consents.put(Channel.WHATSAPP, ConsentStatus.OPTED_IN);
        consents.put(LINE, ConsentStatus.OPTED_OUT);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("loyalty_tier", "gold ⭐");
        attributes.put("größe", "XL");
        attributes.put("notes", "Prefers calls after 18:00.\nAllergic to peanuts 🥜 — no food gifts.");
        attributes.put("crm.legacy-id", "CRM-000" + n);
        return customer()
                .name("Zoë Ørsted-Łukasiewicz 山田 👩🏽‍💻")
                .identities(List.of(
                        ContactIdentity.primary(Channel.EMAIL, "Zoë.Ørsted" + n + "@Bücher.example"),
                        new ContactIdentity(Channel.EMAIL, "zoe" + n + "@work.example.com", false, true),
                        new ContactIdentity(Channel.PHONE, phone(), true, true),
                        ContactIdentity.of(Channel.WHATSAPP, phone()),
                        ContactIdentity.of(LINE, "@zoë_" + n)))
                .preferredChannel(Channel.WHATSAPP)
                .locale(Locale.forLanguageTag("zh-Hant-TW"))
                .timeZone(ZoneId.of("Asia/Kathmandu"))
                .birthday(LocalDate.of(2000, 2, 29))
                .segment("gold")
                .consents(consents)
                .status(CustomerStatus.INACTIVE)
                .acquisitionCost(Money.of("1234567.8912", "EUR"))
                .attributes(attributes)
                .ownAgent(AgentId.random())
                .createdAt(created)
                .updatedAt(created.plus(Duration.ofDays(400)).plusNanos(654_000));
    }

    /**
     * A customer at every size limit of the contract: a name of {@link Limits#NAME} characters, {@link
     * Limits#IDENTITIES} identities (one address of {@link Limits#ADDRESS} characters), {@link Limits#ATTRIBUTES}
     * attributes with 64-character keys and values of {@link Limits#ATTRIBUTE_VALUE} characters, and an acquisition
     * cost with 15 integer and 4 fraction digits.
     *
     * @return a builder holding that customer, to change before building
     */
    public static Customer.Builder customerAtLimits() {
        long n = unique();
        List<ContactIdentity> identities = new ArrayList<>();
        identities.add(ContactIdentity.primary(Channel.EMAIL, email()));
        identities.add(ContactIdentity.primary(Channel.PHONE, phone()));
        identities.add(ContactIdentity.of(Channel.CHAT, key("h" + n, Limits.ADDRESS)));
        while (identities.size() < Limits.IDENTITIES) {
            int i = identities.size();
            Channel channel = switch (i % 4) {
                case 0 -> Channel.EMAIL;
                case 1 -> Channel.SMS;
                case 2 -> Channel.X;
                default -> Channel.WHATSAPP;
            };
            String address = channel.isPhoneNumberBased() ? phone() : channel.equals(Channel.EMAIL) ? email()
                    : "@handle_" + n + "_" + i;
            identities.add(new ContactIdentity(channel, address, false, i % 3 == 0));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; attributes.size() < Limits.ATTRIBUTES; i++) {
            String keyName = String.format(Locale.ROOT, "attribute_%03d_", i);
            attributes.put(keyName + "k".repeat(64 - keyName.length()), multilineText(Limits.ATTRIBUTE_VALUE));
        }
        return customer()
                .name(text(Limits.NAME))
                .identities(identities)
                .segment("s".repeat(64))
                .acquisitionCost(Money.of("999999999999999.9999", "USD"))
                .attributes(attributes);
    }

    // ----------------------------------------------------------------------------------------------- interactions

    /**
     * A new inbound email question from the customer, handled by a human, public, occurred and recorded now.
     *
     * @param customerId the customer it belongs to, who must be stored first where the adapter enforces references
     * @return a builder holding that interaction, to change before building
     */
    public static Interaction.Builder interaction(CustomerId customerId) {
        Instant now = now();
        return Interaction.builder()
                .id(InteractionId.random())
                .customerId(customerId)
                .channel(Channel.EMAIL)
                .direction(Direction.INBOUND)
                .kind(InteractionKind.QUESTION)
                .summary("Where is my order?")
                .occurredAt(now)
                .recordedAt(now);
    }

    /**
     * An outbound phone call with every optional field set: agent, case, handle time with microseconds, a Unicode
     * multi-line summary, a unique external id, an order reference, an amount and a reason code.
     *
     * @param customerId the customer, who must be stored first where the adapter enforces references
     * @param caseId the case, likewise
     * @param agentId the agent, likewise
     * @return a builder holding that interaction, to change before building
     */
    public static Interaction.Builder interactionWithEveryField(CustomerId customerId, CaseId caseId,
            AgentId agentId) {
        Instant occurred = Instant.parse("2024-03-31T00:59:59.999999Z");
        return interaction(customerId)
                .channel(Channel.PHONE)
                .direction(Direction.OUTBOUND)
                .kind(InteractionKind.CALL)
                .handledBy(Handler.HUMAN)
                .visibility(Visibility.PUBLIC)
                .agentId(agentId)
                .caseId(caseId)
                .handleTime(new HandleTime(Duration.parse("PT4M12.345678S"), Duration.ofSeconds(45),
                        Duration.parse("PT1M0.000001S")))
                .summary("Called back about the damaged parcel 📦.\nOffered a replacement — Kunde zufrieden 👍.")
                .externalId(key("call", 40))
                .orderRef("ORD-2024-Ü" + unique())
                .amount(Money.of("-19.9900", "GBP"))
                .reason("delivery.damaged")
                .occurredAt(occurred)
                .recordedAt(occurred.plusMillis(1500));
    }

    /**
     * An interaction at every size limit: a summary of {@link Limits#TEXT} characters, keys of {@link Limits#KEY}.
     *
     * @param customerId the customer it belongs to, who must be stored first where the adapter enforces references
     * @return a builder holding that interaction, to change before building
     */
    public static Interaction.Builder interactionAtLimits(CustomerId customerId) {
        return interaction(customerId)
                .kind(InteractionKind.PURCHASE)
                .summary(multilineText(Limits.TEXT))
                .externalId(key("msg", Limits.KEY))
                .orderRef(key("order", Limits.KEY))
                .amount(Money.of("-999999999999999.9999", "KWD"))
                .reason("r".repeat(64));
    }

    // ------------------------------------------------------------------------------------------------------ cases

    /**
     * A new, normal-priority case opened by email now, about a late delivery.
     *
     * @param customerId the customer it belongs to, who must be stored first where the adapter enforces references
     * @return a builder holding that case, to change before building
     */
    public static Case.Builder supportCase(CustomerId customerId) {
        Instant now = now();
        return Case.builder()
                .id(CaseId.random())
                .customerId(customerId)
                .subject("My order has not arrived")
                .category("delivery")
                .originChannel(Channel.EMAIL)
                .createdAt(now)
                .updatedAt(now);
    }

    /**
     * A reopened, resolved and closed urgent case with every optional field set: type, Serbian-Latin language, three
     * required skills, assignee, team, every lifecycle time and a history of six moves.
     *
     * @param customerId the customer, who must be stored first where the adapter enforces references
     * @param assignee the agent, likewise
     * @return a builder holding that case, to change before building
     */
    public static Case.Builder caseWithEveryField(CustomerId customerId, AgentId assignee) {
        Instant created = Instant.parse("2024-10-27T00:30:00.000001Z");
        Set<String> skills = new LinkedHashSet<>(List.of("billing", "sprache.de", "tier-2"));
        Case opened = supportCase(customerId)
                .subject("Rückerstattung für Bestellung #4711 fehlt 💸")
                .category("billing.refund")
                .type("incident")
                .priority(Priority.URGENT)
                .originChannel(Channel.WHATSAPP)
                .language(Locale.forLanguageTag("sr-Latn-RS"))
                .requiredSkills(skills)
                .assignee(assignee)
                .team(TeamId.of("Kundendienst-Zürich"))
                .createdAt(created)
                .updatedAt(created)
                .firstReplyAt(created.plusSeconds(95).plusNanos(123_000))
                .build();
        Case moved = opened.moveTo(CaseStatus.OPEN, created.plusSeconds(60))
                .moveTo(CaseStatus.RESOLVED, created.plus(Duration.ofHours(2)))
                .moveTo(CaseStatus.OPEN, created.plus(Duration.ofHours(26)))
                .moveTo(CaseStatus.PENDING_CUSTOMER, created.plus(Duration.ofHours(27)))
                .moveTo(CaseStatus.RESOLVED, created.plus(Duration.ofDays(3)).plusNanos(999_000))
                .moveTo(CaseStatus.CLOSED, created.plus(Duration.ofDays(10)));
        return moved.toBuilder();
    }

    /**
     * A case at the size limits: a subject of {@link Limits#SUBJECT} characters and 50 required skills.
     *
     * @param customerId the customer it belongs to, who must be stored first where the adapter enforces references
     * @return a builder holding that case, to change before building
     */
    public static Case.Builder caseAtLimits(CustomerId customerId) {
        Set<String> skills = new LinkedHashSet<>();
        for (int i = 0; i < 50; i++) {
            skills.add(String.format(Locale.ROOT, "skill-%02d", i) + (i == 0 ? "x".repeat(56) : ""));
        }
        return supportCase(customerId)
                .subject(text(Limits.SUBJECT))
                .category("c".repeat(64))
                .type("t".repeat(64))
                .requiredSkills(skills)
                .team(TeamId.of("T".repeat(64)));
    }

    // --------------------------------------------------------------------------------------------------- feedback

    /**
     * A five-star CSAT answer received now by email, with a short comment.
     *
     * @param customerId the customer who answered, who must be stored first where the adapter enforces references
     * @return a builder holding that answer, to change before building
     */
    public static Feedback.Builder feedback(CustomerId customerId) {
        return Feedback.builder()
                .id(FeedbackId.random())
                .customerId(customerId)
                .metric(FeedbackMetric.CSAT)
                .scale(Scale.CSAT_1_TO_5)
                .score(5)
                .comment("Quick and friendly, thank you!")
                .receivedAt(now())
                .channel(Channel.EMAIL);
    }

    /**
     * A classic CES answer (lower is better) with every optional field set.
     *
     * @param customerId the customer, who must be stored first where the adapter enforces references
     * @param caseId the case it rates, likewise
     * @param interactionId the interaction it rates, likewise
     * @param agentId the agent it rates, likewise
     * @return a builder holding that answer, to change before building
     */
    public static Feedback.Builder feedbackWithEveryField(CustomerId customerId, CaseId caseId,
            InteractionId interactionId, AgentId agentId) {
        return feedback(customerId)
                .metric(FeedbackMetric.CES)
                .scale(Scale.CES_EFFORT_1_TO_5)
                .score(2)
                .comment("Leicht gemacht 👌\nBut the form lost my address twice.")
                .receivedAt(Instant.parse("1999-12-31T23:59:59.999999Z"))
                .caseId(caseId)
                .interactionId(interactionId)
                .orderRef("ORD-" + unique())
                .agentId(agentId)
                .channel(LINE)
                .followUpId(FollowUpId.random());
    }

    /**
     * A feedback answer at the size limits: a comment of {@link Limits#TEXT} characters, an order of {@link Limits#KEY}.
     *
     * @param customerId the customer who answered, who must be stored first where the adapter enforces references
     * @return a builder holding that answer, to change before building
     */
    public static Feedback.Builder feedbackAtLimits(CustomerId customerId) {
        return feedback(customerId)
                .metric(FeedbackMetric.NPS)
                .scale(Scale.NPS_0_TO_10)
                .score(10)
                .comment(multilineText(Limits.TEXT))
                .orderRef(key("order", Limits.KEY));
    }

    // ------------------------------------------------------------------------------------------------- follow-ups

    /**
     * A scheduled email thank-you due a day from now, with a unique idempotency key and a first-name value.
     *
     * @param customerId the customer it is for, who must be stored first where the adapter enforces references
     * @return a builder holding that follow-up, to change before building
     */
    public static FollowUp.Builder followUp(CustomerId customerId) {
        Instant now = now();
        return FollowUp.builder()
                .id(FollowUpId.random())
                .customerId(customerId)
                .kind(FollowUpKind.THANK_YOU)
                .channel(Channel.EMAIL)
                .dueAt(now.plus(Duration.ofDays(1)))
                .idempotencyKey(key("thank-you", 48))
                .values(Map.of("first_name", "Ada"))
                .createdAt(now)
                .updatedAt(now);
    }

    /**
     * A claimed call-back with every optional field set: case, expiry, attempts, lease owner and end, last error,
     * cancel reason and several personalisation values with Unicode.
     *
     * @param customerId the customer, who must be stored first where the adapter enforces references
     * @param caseId the case it follows, likewise
     * @return a builder holding that follow-up, to change before building
     */
    public static FollowUp.Builder followUpWithEveryField(CustomerId customerId, CaseId caseId) {
        Instant created = Instant.parse("2024-02-29T12:00:00.000001Z");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("first_name", "Zoë");
        values.put("voucher", "WOW-10 🎁");
        values.put("agent.name", "Kenji 佐藤");
        values.put("signature", "Mit freundlichen Grüßen\nIhr Team");
        return followUp(customerId)
                .caseId(caseId)
                .kind(FollowUpKind.CALL_BACK)
                .channel(Channel.PHONE)
                .dueAt(created.plus(Duration.ofMinutes(30)))
                .expiresAt(created.plus(Duration.ofDays(2)))
                .status(FollowUpStatus.CLAIMED)
                .attempts(2)
                .leaseOwner("dispatcher@node-7 🖥")
                .leaseUntil(created.plus(Duration.ofMinutes(35)).plusNanos(250_000))
                .lastError("SMTP 451 4.7.1 Try again later\n— Gateway überlastet")
                .cancelReason("Kunde hat selbst angerufen ☎")
                .values(values)
                .createdAt(created)
                .updatedAt(created.plusSeconds(1));
    }

    /**
     * A follow-up at the size limits: key and lease owner of {@link Limits#KEY} characters, error and cancel reason
     * of {@link Limits#TEXT}, {@link Limits#ATTRIBUTES} values of {@link Limits#ATTRIBUTE_VALUE} characters.
     *
     * @param customerId the customer it is for, who must be stored first where the adapter enforces references
     * @return a builder holding that follow-up, to change before building
     */
    public static FollowUp.Builder followUpAtLimits(CustomerId customerId) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; values.size() < Limits.ATTRIBUTES; i++) {
            values.put(String.format(Locale.ROOT, "value_%03d", i), multilineText(Limits.ATTRIBUTE_VALUE));
        }
        return followUp(customerId)
                .kind(FollowUpKind.of("k".repeat(64)))
                .idempotencyKey(key("idem", Limits.KEY))
                .leaseOwner(key("owner", Limits.KEY))
                .lastError(multilineText(Limits.TEXT))
                .cancelReason(multilineText(Limits.TEXT))
                .values(values);
    }

    // ------------------------------------------------------------------------------------------------- complaints

    /**
     * A unique complaint reference with the prefix {@code TCK}, the year 2026 and a number unique within the JVM, for
     * example {@code TCK-2026-000042}.
     *
     * @return a new reference no earlier call returned
     */
    public static ComplaintReference complaintReference() {
        return ComplaintReference.of("TCK", 2026, unique());
    }

    /**
     * A new medium-severity complaint received by email now about a late parcel, under the regime {@code "uk"}, with
     * a unique reference and no deadlines.
     *
     * @param customerId the complainant, who must be stored first where the adapter enforces references
     * @return a builder holding that complaint, to change before building
     */
    public static Complaint.Builder complaint(CustomerId customerId) {
        Instant now = now();
        return Complaint.builder()
                .id(ComplaintId.random())
                .reference(complaintReference())
                .customerId(customerId)
                .channel(Channel.EMAIL)
                .description("The parcel arrived a week late and the box was crushed.")
                .severity(Severity.MEDIUM)
                .regime("uk")
                .receivedAt(now)
                .updatedAt(now);
    }

    /**
     * A reopened-then-closed complaint with every optional field set: a product, an order, the remedy sought, three
     * deadlines (one extended by a holding response, one reminded and breached), an assessment, a case, two agents,
     * three root causes, two escalations and an accepted outcome with four remedies in three currencies, all with
     * Unicode and multi-line text and times with microseconds.
     *
     * @param customerId the customer, who must be stored first where the adapter enforces references
     * @param caseId the case, likewise
     * @param agentIds the agents, likewise; any number
     * @return a builder holding that complaint, to change before building
     */
    public static Complaint.Builder complaintWithEveryField(CustomerId customerId, CaseId caseId,
            AgentId... agentIds) {
        Instant received = Instant.parse("2026-03-27T16:59:59.999999Z");
        Set<String> rootCauses = new LinkedHashSet<>(List.of("delivery.courier", "packaging", "größe-falsch"));
        return complaint(customerId)
                .channel(Channel.WHATSAPP)
                .description("Das Paket 📦 kam zerdrückt an.\r\nThe kettle inside is cracked 😞\n\t— 谢谢")
                .product("kettle-K2.ü")
                .orderRef("ORD-2026-Ü" + unique())
                .remedySought("A replacement kettle 🫖 and a refund of the delivery fee.\nBitte schnell!")
                .severity(Severity.HIGH)
                .stage(ComplaintStage.CLOSED)
                .regime("eu-psd2")
                .receivedAt(received)
                .deadlines(List.of(
                        new ComplaintDeadline("summary_resolution", received.plus(Duration.ofDays(5)),
                                Optional.empty(), Optional.empty(), Optional.of(received.plus(Duration.ofDays(9))),
                                Optional.of(received.plus(Duration.ofDays(4))),
                                Optional.of(received.plus(Duration.ofDays(5)).plusNanos(1_000))),
                        new ComplaintDeadline("reply", received.plus(Duration.ofDays(21)),
                                Optional.of(received.plus(Duration.ofDays(49)).plusNanos(123_000)),
                                Optional.of("Wir warten auf den Kurier 🚚.\nExpected by the end of next month."),
                                Optional.of(received.plus(Duration.ofDays(9))), Optional.empty(), Optional.empty()),
                        ComplaintDeadline.due("k".repeat(64), received.plus(Duration.ofDays(56)))))
                .assessment(new Assessment(Severity.CRITICAL, Complexity.COMPLEX, Priority.URGENT,
                        Optional.of("Customer is vulnerable ♿; press interest 📰"), "agent:Zoë-7",
                        received.plus(Duration.ofHours(20)).plusNanos(1_000)))
                .caseId(caseId)
                .agentIds(new LinkedHashSet<>(List.of(agentIds)))
                .rootCauses(rootCauses)
                .escalations(List.of(
                        new Escalation(EscalationLevel.HIGHER_TIER, "Beschwerdestelle Zürich 🏔",
                                Optional.of("Kunde verlangt Vorgesetzte"), received.plus(Duration.ofDays(3))),
                        new Escalation(EscalationLevel.OUTSIDE_BODY, "Financial Ombudsman Service", Optional.empty(),
                                received.plus(Duration.ofDays(8)))))
                .outcome(new ComplaintOutcome(OutcomeDecision.PARTLY_UPHELD,
                        "The courier crushed the box 📦.\nThe delay was caused by a strike, not by us.",
                        List.of(Remedy.of(RemedyType.REFUND, Money.of("4.9900", "GBP")),
                                new Remedy(RemedyType.REPLACEMENT, Optional.empty(),
                                        Optional.of("Neuer Wasserkocher K2 🫖, per Kurier")),
                                Remedy.of(RemedyType.VOUCHER_OR_CREDIT, Money.of("0", "JPY")),
                                new Remedy(RemedyType.GOODWILL_GESTURE, Optional.of(Money.of("15.5", "EUR")),
                                        Optional.of("Blumen 💐"))),
                        received.plus(Duration.ofDays(9)), Optional.of(true),
                        Optional.of(received.plus(Duration.ofDays(12)).plusNanos(7_000))))
                .acknowledgedAt(received.plusSeconds(1))
                .respondedAt(received.plus(Duration.ofDays(6)))
                .closedAt(received.plus(Duration.ofDays(12)).plusNanos(7_000))
                .reopenCount(2)
                .updatedAt(received.plus(Duration.ofDays(12)).plusNanos(7_000));
    }

    /**
     * A complaint at the size limits: description and remedy sought of {@link Limits#TEXT} characters, an order of
     * {@link Limits#KEY}, a 64-character product and regime, {@link Complaint#MAX_DEADLINES} deadlines whose holding
     * reasons have {@link Limits#TEXT} characters, 50 root causes and 50 agents, {@link Complaint#MAX_ESCALATIONS}
     * escalations to bodies named with {@link Limits#NAME} characters, 20 remedies with the largest amount, and a
     * reference of {@link ComplaintReference#MAX_LENGTH} characters.
     *
     * @param customerId the complainant, who must be stored first where the adapter enforces references
     * @return a builder holding that complaint, to change before building
     */
    public static Complaint.Builder complaintAtLimits(CustomerId customerId) {
        Instant received = now();
        List<ComplaintDeadline> deadlines = new ArrayList<>();
        for (int i = 0; i < Complaint.MAX_DEADLINES; i++) {
            deadlines.add(ComplaintDeadline.due(String.format(Locale.ROOT, "deadline_%02d", i),
                    received.plus(Duration.ofDays(i + 1))).extend(received.plus(Duration.ofDays(40 + i)),
                    multilineText(Limits.TEXT)));
        }
        Set<String> rootCauses = new LinkedHashSet<>();
        Set<AgentId> agents = new LinkedHashSet<>();
        for (int i = 0; i < 50; i++) {
            rootCauses.add(String.format(Locale.ROOT, "cause-%02d", i) + "c".repeat(i == 0 ? 56 : 0));
            agents.add(AgentId.random());
        }
        List<Escalation> escalations = new ArrayList<>();
        for (int i = 0; i < Complaint.MAX_ESCALATIONS; i++) {
            escalations.add(new Escalation(i % 2 == 0 ? EscalationLevel.HIGHER_TIER : EscalationLevel.OUTSIDE_BODY,
                    text(Limits.NAME), Optional.of(multilineText(i == 0 ? Limits.TEXT : 20)),
                    received.plusSeconds(i)));
        }
        List<Remedy> remedies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            remedies.add(new Remedy(RemedyType.values()[i % RemedyType.values().length],
                    Optional.of(Money.of("999999999999999.9999", "USD")),
                    Optional.of(text(Limits.ATTRIBUTE_VALUE))));
        }
        String number = Long.toString(1_000_000_000_000L - 1 - unique());
        return complaint(customerId)
                .reference(new ComplaintReference("ABCDEFGHIJ-2026-" + number))
                .description(multilineText(Limits.TEXT))
                .product("p".repeat(64))
                .orderRef(key("order", Limits.KEY))
                .remedySought(multilineText(Limits.TEXT))
                .regime("r".repeat(64))
                .deadlines(deadlines)
                .rootCauses(rootCauses)
                .agentIds(agents)
                .escalations(escalations)
                .stage(ComplaintStage.RESPONDED)
                .outcome(ComplaintOutcome.decided(OutcomeDecision.UPHELD, multilineText(Limits.TEXT), remedies,
                        received.plusSeconds(60)));
    }

    /**
     * A compliment received by chat now, crediting the given agents, acknowledged and closed at once.
     *
     * @param customerId the customer who paid the compliment, who must be stored first where the adapter enforces
     *        references
     * @param agentIds the agents it credits, likewise; any number
     * @return a builder holding that compliment, to change before building
     */
    public static Complaint.Builder compliment(CustomerId customerId, AgentId... agentIds) {
        Instant now = now();
        return complaint(customerId)
                .kind(ComplaintKind.COMPLIMENT)
                .channel(Channel.CHAT)
                .description("Kenji was wonderful, thank you! 🎉")
                .severity(Severity.LOW)
                .stage(ComplaintStage.CLOSED)
                .agentIds(new LinkedHashSet<>(List.of(agentIds)))
                .acknowledgedAt(now)
                .closedAt(now);
    }

    /**
     * An audit entry recording a stage change by the system now.
     *
     * @return the audit entry
     */
    public static AuditEntry auditEntry() {
        return AuditEntry.stageChange(now(), AuditEntry.SYSTEM, ComplaintStage.RECEIVED, ComplaintStage.ACKNOWLEDGED,
                null);
    }

    /**
     * An audit entry with every field set and Unicode, multi-line detail: a note by an agent.
     *
     * @return the audit entry
     */
    public static AuditEntry auditEntryWithEveryField() {
        return new AuditEntry(Instant.parse("2026-10-25T01:30:00.000001Z"), "agent:Łucja-Wiśniewska 👩🏽‍💻",
                AuditAction.NOTE, Optional.of(ComplaintStage.INVESTIGATING), Optional.of(ComplaintStage.RESPONDED),
                Optional.of("Rückruf vereinbart ☎\nCustomer prefers mornings."));
    }

    /**
     * An open improvement item for a product, detected now, listing the given complaints.
     *
     * @param complaints the complaints the item groups; any number
     * @return the improvement item
     */
    public static ImprovementItem improvement(ComplaintId... complaints) {
        Instant now = now();
        return new ImprovementItem(ImprovementId.random(), IssueKey.product("p-" + unique()), ImprovementStatus.OPEN,
                1, now, List.of(complaints), Optional.empty(), now, 0);
    }

    // ----------------------------------------------------------------------------------------------------- agents

    /**
     * An available agent with two skills, English and German, capacity for chat and email, added now.
     *
     * @return a builder holding that agent, to change before building
     */
    public static Agent.Builder agent() {
        Instant now = now();
        return Agent.builder()
                .id(AgentId.random())
                .name(NAMES.get((int) (unique() % NAMES.size())))
                .skills(Map.of("billing", 7, "delivery", 4))
                .languages(Set.of(Locale.ENGLISH, Locale.GERMAN))
                .capacity(Map.of(Channel.CHAT, 3, Channel.EMAIL, 10))
                .presence(Presence.AVAILABLE)
                .createdAt(now)
                .updatedAt(now);
    }

    /**
     * An agent with every field set and several entries in every map: skills at levels 1 and 10, languages with
     * script and region, capacity and load on four channels (a host-defined one too), last assignment times and a
     * team with a Unicode code.
     *
     * @return a builder holding that agent, to change before building
     */
    public static Agent.Builder agentWithEveryField() {
        Instant created = Instant.parse("2022-06-30T23:59:59.000001Z");
        Map<String, Integer> skills = new LinkedHashMap<>();
        skills.put("billing", 10);
        skills.put("delivery", 1);
        skills.put("sprache.de", 5);
        skills.put("tier-2", 7);
        Map<Channel, Integer> capacity = new LinkedHashMap<>();
        capacity.put(Channel.CHAT, 3);
        capacity.put(Channel.EMAIL, 1000);
        capacity.put(Channel.PHONE, 1);
        capacity.put(LINE, 0);
        Map<Channel, Integer> load = new LinkedHashMap<>();
        load.put(Channel.CHAT, 2);
        load.put(Channel.EMAIL, 0);
        load.put(Channel.PHONE, 1);
        Map<Channel, Instant> lastAssigned = new LinkedHashMap<>();
        lastAssigned.put(Channel.CHAT, created.plus(Duration.ofDays(1)).plusNanos(5_000));
        lastAssigned.put(Channel.PHONE, created.plus(Duration.ofDays(2)));
        return agent()
                .name("Kenji Sato 佐藤健二 🎧")
                .skills(skills)
                .languages(new LinkedHashSet<>(List.of(Locale.forLanguageTag("ja-JP"),
                        Locale.forLanguageTag("zh-Hans-CN"), Locale.forLanguageTag("pt-BR"),
                        Locale.forLanguageTag("de-CH"))))
                .capacity(capacity)
                .presence(Presence.BUSY)
                .load(load)
                .lastAssignedAt(lastAssigned)
                .team(TeamId.of("Kundendienst-Zürich"))
                .createdAt(created)
                .updatedAt(created.plusSeconds(3600));
    }

    /**
     * An agent at the size limits: a name of {@link Limits#NAME} characters, 200 skills and 50 languages.
     *
     * @return a builder holding that agent, to change before building
     */
    public static Agent.Builder agentAtLimits() {
        Map<String, Integer> skills = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            skills.put(String.format(Locale.ROOT, "skill_%03d", i), 1 + i % 10);
        }
        return agent()
                .name(text(Limits.NAME))
                .skills(skills)
                .languages(new LinkedHashSet<>(FIFTY_LANGUAGES.stream().map(Locale::forLanguageTag).toList()));
    }

    // ---------------------------------------------------------------------------------------------------- routing

    /**
     * Waiting work for a new case on chat, at normal priority, with nothing optional: no skills, offer or team.
     *
     * @return the waiting work, for a random case id
     */
    public static RoutingWork routingWork() {
        return routingWork(CaseId.random());
    }

    /**
     * Waiting work for the given case on chat, at normal priority, with nothing optional.
     *
     * @param caseId the case waiting to be routed
     * @return the waiting work
     */
    public static RoutingWork routingWork(CaseId caseId) {
        Instant now = now();
        return new RoutingWork(caseId, Channel.CHAT, Priority.NORMAL, Map.of(), Map.of(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), now, now, List.of(), Optional.empty(),
                Optional.empty(), 0);
    }

    /**
     * Waiting work with every field set: skills in insertion order, a language with script and region, a team with
     * a Unicode code, two preferred agents, an SLA due time, an exclusion with a detail that needs escaping, the
     * capacity to move from its current assignee and an open offer; every instant with microseconds.
     *
     * @return the waiting work
     */
    public static RoutingWork routingWorkWithEveryField() {
        Instant requested = Instant.parse("2024-02-29T23:59:59.123456Z");
        CaseId caseId = CaseId.random();
        Map<String, Integer> required = new LinkedHashMap<>();
        required.put("tier-2", 10);
        required.put("billing", 1);
        Map<String, Integer> optional = new LinkedHashMap<>();
        optional.put("sprache.de", 5);
        return new RoutingWork(caseId, LINE, Priority.URGENT, required, optional,
                Optional.of(Locale.forLanguageTag("zh-Hans-CN")), Optional.of(TeamId.of("Kundendienst-Zürich")),
                List.of(AgentId.random(), AgentId.random()), Optional.of(requested.plus(Duration.ofHours(4))),
                requested, requested.plusNanos(1_000),
                List.of(new WorkExclusion(AgentId.random(), "DECLINED", "\"Not my area\" – please try billing 🙏"),
                        new WorkExclusion(AgentId.random(), "TIMED_OUT", "")),
                Optional.of(new RoutingHolding(caseId, AgentId.random(), Channel.EMAIL, 2,
                        requested.minus(Duration.ofDays(1)))),
                Optional.of(new RoutingOffer(UUID.randomUUID(), AgentId.random(), LINE, 1000,
                        requested.plusSeconds(1), requested.plusSeconds(31))),
                0);
    }

    /**
     * Waiting work at the size limits: 50 required and 50 optional skills, 20 preferred agents and 1,000 exclusions
     * whose details have 500 characters each.
     *
     * @return the waiting work
     */
    public static RoutingWork routingWorkAtLimits() {
        Map<String, Integer> required = new LinkedHashMap<>();
        Map<String, Integer> optional = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            required.put(String.format(Locale.ROOT, "skill_%03d", i), 1 + i % 10);
            optional.put(String.format(Locale.ROOT, "extra_%03d", i), 10 - i % 10);
        }
        List<AgentId> preferred = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            preferred.add(AgentId.random());
        }
        List<WorkExclusion> excluded = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            excluded.add(new WorkExclusion(AgentId.random(), "DECLINED", text(500)));
        }
        RoutingWork base = routingWork();
        return new RoutingWork(base.caseId(), Channel.EMAIL, Priority.HIGH, required, optional, Optional.empty(),
                Optional.empty(), preferred, Optional.empty(), base.requestedAt(), base.queuedAt(), excluded,
                Optional.empty(), Optional.empty(), 0);
    }

    /**
     * An agent's hold of one chat unit for the case, since now.
     *
     * @param caseId the case the agent works on
     * @param agentId the agent holding the unit
     * @return the routing holding
     */
    public static RoutingHolding holding(CaseId caseId, AgentId agentId) {
        return new RoutingHolding(caseId, agentId, Channel.CHAT, 1, now());
    }

    private static final List<String> FIFTY_LANGUAGES = List.of(
            "en", "en-GB", "en-US", "en-IN", "de", "de-DE", "de-AT", "de-CH", "fr", "fr-FR", "fr-CA", "fr-BE",
            "it", "it-CH", "es", "es-ES", "es-MX", "es-419", "pt", "pt-BR", "pt-PT", "nl", "nl-BE", "sv", "da", "nb",
            "fi", "is", "pl", "cs", "sk", "hu", "ro", "bg", "el", "tr", "ru", "uk", "ar", "ar-EG", "he", "fa",
            "hi", "bn", "ja", "ko", "zh-Hans-CN", "zh-Hant-TW", "sr-Latn-RS", "sr-Cyrl-RS");
}
