package dev.rapport.tck;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.routing.RoutingHolding;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.validation.Limits;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
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

    /** Realistic full names in many scripts, shared with the per-aggregate builders (agents, customers). */
    static final List<String> NAMES = List.of(
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
        return CustomerTestData.customer();
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
        return CustomerTestData.customerWithEveryField();
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
        return CustomerTestData.customerAtLimits();
    }

    // ----------------------------------------------------------------------------------------------- interactions

    /**
     * A new inbound email question from the customer, handled by a human, public, occurred and recorded now.
     *
     * @param customerId the customer it belongs to, who must be stored first where the adapter enforces references
     * @return a builder holding that interaction, to change before building
     */
    public static Interaction.Builder interaction(CustomerId customerId) {
        return InteractionTestData.interaction(customerId);
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
        return InteractionTestData.interactionWithEveryField(customerId, caseId, agentId);
    }

    /**
     * An interaction at every size limit: a summary of {@link Limits#TEXT} characters, keys of {@link Limits#KEY}.
     *
     * @param customerId the customer it belongs to, who must be stored first where the adapter enforces references
     * @return a builder holding that interaction, to change before building
     */
    public static Interaction.Builder interactionAtLimits(CustomerId customerId) {
        return InteractionTestData.interactionAtLimits(customerId);
    }

    // ------------------------------------------------------------------------------------------------------ cases

    /**
     * A new, normal-priority case opened by email now, about a late delivery.
     *
     * @param customerId the customer it belongs to, who must be stored first where the adapter enforces references
     * @return a builder holding that case, to change before building
     */
    public static Case.Builder supportCase(CustomerId customerId) {
        return CaseTestData.supportCase(customerId);
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
        return CaseTestData.caseWithEveryField(customerId, assignee);
    }

    /**
     * A case at the size limits: a subject of {@link Limits#SUBJECT} characters and 50 required skills.
     *
     * @param customerId the customer it belongs to, who must be stored first where the adapter enforces references
     * @return a builder holding that case, to change before building
     */
    public static Case.Builder caseAtLimits(CustomerId customerId) {
        return CaseTestData.caseAtLimits(customerId);
    }

    // --------------------------------------------------------------------------------------------------- feedback

    /**
     * A five-star CSAT answer received now by email, with a short comment.
     *
     * @param customerId the customer who answered, who must be stored first where the adapter enforces references
     * @return a builder holding that answer, to change before building
     */
    public static Feedback.Builder feedback(CustomerId customerId) {
        return FeedbackTestData.feedback(customerId);
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
        return FeedbackTestData.feedbackWithEveryField(customerId, caseId, interactionId, agentId);
    }

    /**
     * A feedback answer at the size limits: a comment of {@link Limits#TEXT} characters, an order of {@link Limits#KEY}.
     *
     * @param customerId the customer who answered, who must be stored first where the adapter enforces references
     * @return a builder holding that answer, to change before building
     */
    public static Feedback.Builder feedbackAtLimits(CustomerId customerId) {
        return FeedbackTestData.feedbackAtLimits(customerId);
    }

    // ------------------------------------------------------------------------------------------------- follow-ups

    /**
     * A scheduled email thank-you due a day from now, with a unique idempotency key and a first-name value.
     *
     * @param customerId the customer it is for, who must be stored first where the adapter enforces references
     * @return a builder holding that follow-up, to change before building
     */
    public static FollowUp.Builder followUp(CustomerId customerId) {
        return FollowUpTestData.followUp(customerId);
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
        return FollowUpTestData.followUpWithEveryField(customerId, caseId);
    }

    /**
     * A follow-up at the size limits: key and lease owner of {@link Limits#KEY} characters, error and cancel reason
     * of {@link Limits#TEXT}, {@link Limits#ATTRIBUTES} values of {@link Limits#ATTRIBUTE_VALUE} characters.
     *
     * @param customerId the customer it is for, who must be stored first where the adapter enforces references
     * @return a builder holding that follow-up, to change before building
     */
    public static FollowUp.Builder followUpAtLimits(CustomerId customerId) {
        return FollowUpTestData.followUpAtLimits(customerId);
    }

    // ------------------------------------------------------------------------------------------------- complaints

    /**
     * A unique complaint reference with the prefix {@code TCK}, the year 2026 and a number unique within the JVM, for
     * example {@code TCK-2026-000042}.
     *
     * @return a new reference no earlier call returned
     */
    public static ComplaintReference complaintReference() {
        return ComplaintTestData.complaintReference();
    }

    /**
     * A new medium-severity complaint received by email now about a late parcel, under the regime {@code "uk"}, with
     * a unique reference and no deadlines.
     *
     * @param customerId the complainant, who must be stored first where the adapter enforces references
     * @return a builder holding that complaint, to change before building
     */
    public static Complaint.Builder complaint(CustomerId customerId) {
        return ComplaintTestData.complaint(customerId);
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
        return ComplaintTestData.complaintWithEveryField(customerId, caseId, agentIds);
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
        return ComplaintTestData.complaintAtLimits(customerId);
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
        return ComplaintTestData.compliment(customerId, agentIds);
    }

    /**
     * An audit entry recording a stage change by the system now.
     *
     * @return the audit entry
     */
    public static AuditEntry auditEntry() {
        return ComplaintTestData.auditEntry();
    }

    /**
     * An audit entry with every field set and Unicode, multi-line detail: a note by an agent.
     *
     * @return the audit entry
     */
    public static AuditEntry auditEntryWithEveryField() {
        return ComplaintTestData.auditEntryWithEveryField();
    }

    /**
     * An open improvement item for a product, detected now, listing the given complaints.
     *
     * @param complaints the complaints the item groups; any number
     * @return the improvement item
     */
    public static ImprovementItem improvement(ComplaintId... complaints) {
        return ComplaintTestData.improvement(complaints);
    }

    // ----------------------------------------------------------------------------------------------------- agents

    /**
     * An available agent with two skills, English and German, capacity for chat and email, added now.
     *
     * @return a builder holding that agent, to change before building
     */
    public static Agent.Builder agent() {
        return AgentTestData.agent();
    }

    /**
     * An agent with every field set and several entries in every map: skills at levels 1 and 10, languages with
     * script and region, capacity and load on four channels (a host-defined one too), last assignment times and a
     * team with a Unicode code.
     *
     * @return a builder holding that agent, to change before building
     */
    public static Agent.Builder agentWithEveryField() {
        return AgentTestData.agentWithEveryField();
    }

    /**
     * An agent at the size limits: a name of {@link Limits#NAME} characters, 200 skills and 50 languages.
     *
     * @return a builder holding that agent, to change before building
     */
    public static Agent.Builder agentAtLimits() {
        return AgentTestData.agentAtLimits();
    }

    // ---------------------------------------------------------------------------------------------------- routing

    /**
     * Waiting work for a new case on chat, at normal priority, with nothing optional: no skills, offer or team.
     *
     * @return the waiting work, for a random case id
     */
    public static RoutingWork routingWork() {
        return AgentTestData.routingWork();
    }

    /**
     * Waiting work for the given case on chat, at normal priority, with nothing optional.
     *
     * @param caseId the case waiting to be routed
     * @return the waiting work
     */
    public static RoutingWork routingWork(CaseId caseId) {
        return AgentTestData.routingWork(caseId);
    }

    /**
     * Waiting work with every field set: skills in insertion order, a language with script and region, a team with
     * a Unicode code, two preferred agents, an SLA due time, an exclusion with a detail that needs escaping, the
     * capacity to move from its current assignee and an open offer; every instant with microseconds.
     *
     * @return the waiting work
     */
    public static RoutingWork routingWorkWithEveryField() {
        return AgentTestData.routingWorkWithEveryField();
    }

    /**
     * Waiting work at the size limits: 50 required and 50 optional skills, 20 preferred agents and 1,000 exclusions
     * whose details have 500 characters each.
     *
     * @return the waiting work
     */
    public static RoutingWork routingWorkAtLimits() {
        return AgentTestData.routingWorkAtLimits();
    }

    /**
     * An agent's hold of one chat unit for the case, since now.
     *
     * @param caseId the case the agent works on
     * @param agentId the agent holding the unit
     * @return the routing holding
     */
    public static RoutingHolding holding(CaseId caseId, AgentId agentId) {
        return AgentTestData.holding(caseId, agentId);
    }

}
