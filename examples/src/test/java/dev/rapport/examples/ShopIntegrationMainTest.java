package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ShopIntegrationMain")
class ShopIntegrationMainTest {

    private static final Pattern SURVEY_ANSWER =
            Pattern.compile(".* answered the survey: CSAT (\\d)/5, NPS (\\d+)/10");

    private static String output;

    @BeforeAll
    static void runTheStoryOnce() {
        output = runMain();
    }

    private static String runMain() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ShopIntegrationMain.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static List<String> lines() {
        return output.lines().toList();
    }

    @Test
    @DisplayName("registers the shop's customers and agents and records the purchases")
    void setsUpTheShop() {
        // then
        assertThat(output).startsWith("Storing in jdbc:h2:mem:shop-");
        assertThat(lines()).containsSubsequence(
                "Mon 08:30  5 customers registered (addresses on each channel; preferred channel; language and time"
                        + " zone):",
                "           Ann Lee      email, whatsapp; prefers whatsapp; en-GB, Europe/London",
                "           Eva Schmidt  whatsapp, phone; de-DE, Europe/Berlin",
                "           Dev Sharma   email, x; prefers x; en-GB, Europe/London",
                "Mon 08:30  3 agents on shift (skills and levels | languages | capacity per channel):",
                "           Maya Patel   orders 8, returns 5 | en | email 10, chat 3, facebook 5, x 5",
                "Mon 09:00  Ann Lee bought ORD-1001 on web_shop: espresso machine, 189.00 EUR",
                "Mon 09:20  Dev Sharma bought ORD-1005 on web_shop: kettle, 39.99 EUR");
    }

    @Test
    @DisplayName("routes each contact to an agent with the skill, language and channel it needs, and says why")
    void routesContacts() {
        // then
        assertThat(lines()).containsSubsequence(
                "Mon 10:00  email from Ann Lee: case \"Where is my order?\" opened [delivery, NORMAL, en]",
                "           routed to Maya Patel, ranked first by least-active: fewest units in use on email (0)",
                "Mon 10:05  chat from Bob Stone: case \"Discount code refused\" opened [billing, NORMAL, en]",
                "           routed to Luca Rossi, ranked first by least-active: fewest units in use on chat (0)",
                "Mon 10:10  phone from Eva Schmidt: case \"Charged twice\" opened [billing, HIGH, de]",
                "           routed to Jonas Weber, ranked first by least-active: fewest units in use on phone (0)",
                "             (2 available on phone, 2 with billing, 1 speak de, 1 with billing speaking de)",
                "Mon 10:30  facebook from Chloe Martin: case \"Returning a blender\" opened [returns, NORMAL, fr]",
                "           routed to Luca Rossi, ranked first by least-active: fewest units in use on facebook (0)",
                "Mon 10:40  Bob Stone wrote again on chat: case OPEN, reopened 1 time",
                "           routed to Luca Rossi, preferred agent (the customer's own or previous agent) tried first "
                        + "by least-active",
                "Tue 09:45  complaint ASSESSED: severity MEDIUM, complexity SIMPLE, priority NORMAL; case "
                        + "\"Complaint CMP-2025-000001\" opened on x",
                "           routed to Maya Patel, ranked first by least-active: fewest units in use on x (0)");
        assertThat(lines()).filteredOn(line -> line.contains(" opened [")).hasSize(4);
        assertThat(lines()).filteredOn(line -> line.startsWith("           routed to ")).hasSize(6);
        assertThat(output).doesNotContain("routing: WAITING", "routing: DROPPED");
    }

    @Test
    @DisplayName("handles the complaint from receipt to closing, with its reference, deadlines and remedies")
    void handlesTheComplaint() {
        // then
        assertThat(lines()).containsSubsequence(
                "Tue 09:30  Dev Sharma complains on x: the kettle from ORD-1005 arrived cracked",
                "  >> x complaint_acknowledgement: Sorry, Dev Sharma. Your complaint is CMP-2025-000001; we aim to "
                        + "settle it by 2025-03-07, at the latest by 2025-04-29.",
                "           complaint CMP-2025-000001 is ACKNOWLEDGED; deadlines: summary_resolution by Fri 7 Mar "
                        + "17:00, final_response by the end of Tue 29 Apr",
                "Tue 10:00  complaint INVESTIGATING",
                "Wed 10:05  Maya Patel responds to CMP-2025-000001: upheld, with a refund and a voucher",
                "  >> x complaint_response: CMP-2025-000001: UPHELD. The courier dropped the parcel; the photos show "
                        + "it. We offer: REFUND 39.99 EUR, VOUCHER_OR_CREDIT 10 EUR.",
                "           complaint RESPONDED: UPHELD, remedies REFUND 39.99 EUR and VOUCHER_OR_CREDIT 10.00 EUR",
                "Wed 12:00  Dev Sharma accepted: complaint CMP-2025-000001 CLOSED, deadlines met: summary_resolution,"
                        + " final_response",
                "Wed 12:05  \"Complaint CMP-2025-000001\" RESOLVED");
    }

    @Test
    @DisplayName("acknowledges a case opened after hours with the promised answer time, in the customer's language")
    void acknowledgesWithPromisedTime() {
        assertThat(lines()).containsSubsequence(
                "Promised answer time: a case by email on Friday 16:30 London time, shop open 09:00-16:00, "
                        + "first reply within 4 business hours",
                "  ack email acknowledgement (de-AT): Danke, Lena Huber! Wir sind gerade nicht erreichbar und "
                        + "antworten bis Montag 14:00.");
    }

    @Test
    @DisplayName("sends every follow-up once, when it is due, through the console messenger")
    void sendsFollowUpsOnce() {
        // when
        List<String> messages = lines().stream().filter(line -> line.startsWith("  >> ")).toList();
        Map<String, Long> byKind = messages.stream().collect(Collectors.groupingBy(
                line -> line.substring("  >> ".length()).split(" ")[1].replace(":", ""), Collectors.counting()));

        // then
        assertThat(byKind).containsExactlyInAnyOrderEntriesOf(Map.of("thank_you", 5L, "survey", 5L,
                "check_in", 1L, "complaint_acknowledgement", 1L, "complaint_response", 1L));
        assertThat(messages).doesNotHaveDuplicates();
        assertThat(lines()).containsSubsequence(
                "Tue 12:30  the follow-up dispatcher runs; due: {survey=4, thank_you=5}; cancelled before: survey "
                        + "(case_reopened)",
                "  >> whatsapp thank_you: Thank you for your order, Ann Lee! We hope you love it.",
                "  >> email thank_you: Merci pour votre commande, Chloe Martin !",
                "  >> whatsapp thank_you: Vielen Dank, Eva Schmidt! Ihre Bestellung ist unterwegs.",
                "  >> whatsapp survey: Eva Schmidt, wie hat Jonas Weber Ihnen geholfen? Bewerten Sie uns (1 - 5).",
                "  >> email survey: Bob Stone, how did Luca Rossi do with \"Discount code refused\"? Rate us from 1 "
                        + "to 5.",
                "           dispatched: 9 sent, 0 failed, 0 deferred; run again at once: 0 sent",
                "Thu 12:30  the follow-up dispatcher runs; due: {check_in=1, survey=1}",
                "  >> email check_in: Dev Sharma, your complaint is closed. Are you happy with how we handled it?",
                "  >> email survey: Dev Sharma, how did Maya Patel do with \"Complaint CMP-2025-000001\"? Rate us "
                        + "from 1 to 5.",
                "           dispatched: 2 sent, 0 failed, 0 deferred; run again at once: 0 sent",
                "Messages sent: 13 {check_in=1, complaint_acknowledgement=1, complaint_response=1, survey=5, "
                        + "thank_you=5}, repeats refused: 0");
    }

    @Test
    @DisplayName("shows the complaint case's SLA clocks: replied in time, resolution target missed and swept")
    void showsSlaStatus() {
        // then
        assertThat(lines()).containsSubsequence(
                "Wed 10:00  SLA of \"Complaint CMP-2025-000001\" (x, NORMAL):",
                "             first_reply      ACHIEVED in 10m (target 1h)",
                "             first_resolution BREACHED: 24.3h and counting (target 24h, was due Wed 09:45)",
                "           SLA sweep over 1 open case: raised 1 warning and 1 breach, as events",
                "Fri 09:00  SLA over the week: first reply achieved in 5 of 5 cases, first resolution in 4 of 5; "
                        + "breached: \"Complaint CMP-2025-000001\"");
    }

    @Test
    @DisplayName("reports KPIs that agree with the surveys answered, the cases resolved and the reopen")
    void reportsConsistentKpis() {
        // given what the story printed
        List<int[]> answers = lines().stream().map(SURVEY_ANSWER::matcher).filter(Matcher::matches)
                .map(m -> new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))}).toList();
        long satisfied = answers.stream().filter(a -> a[0] >= 4).count();
        long promoters = answers.stream().filter(a -> a[1] >= 9).count();
        long detractors = answers.stream().filter(a -> a[1] <= 6).count();
        long nps = Math.round(100.0 * (promoters - detractors) / answers.size());
        long cases = lines().stream().filter(line -> line.endsWith("\" RESOLVED")).map(line -> line.substring(
                line.indexOf('"'))).distinct().count();
        long reopened = lines().stream().filter(line -> line.contains(", reopened 1 time")).count();
        Map<String, String> table = kpiTable();

        // then
        assertThat(answers).hasSize(5);
        assertThat(cases).isEqualTo(5);
        assertThat(table.get("CSAT (4-5 of 5)")).startsWith(
                Math.round(100.0 * satisfied / answers.size()) + "% (" + satisfied + "/" + answers.size() + ")");
        assertThat(table.get("NPS")).startsWith((nps > 0 ? "+" : "") + nps + " ");
        assertThat(table.get("Reopen rate")).startsWith(
                Math.round(100.0 * reopened / cases) + "% (" + reopened + "/" + cases + ")");
        assertThat(lines()).containsSubsequence(
                "                                     all         email     chat      phone     facebook  x",
                "           CSAT (4-5 of 5)           80% (4/5)   100%      0%        100%      100%      100%",
                "           NPS                       +40         +100      -100      +100      0         +100",
                "           First reply, mean         10.4m       20m       1m        1m        20m       10m",
                "           First reply, median       10m         20m       1m        1m        20m       10m",
                "           First resolution, mean    5.7h        45m       10m       15m       1h        26.3h",
                "           First resolution, median  45m         45m       10m       15m       1h        26.3h",
                "           First-contact resolution  60% (3/5)   100%      0%        100%      100%      0%",
                "           Reopen rate               20% (1/5)   0%        100%      0%        0%        0%");
    }

    @Test
    @DisplayName("closes the week's resolved cases by an automation rule that the case history names")
    void closesResolvedCasesByAutomation() {
        // then
        assertThat(lines()).containsSubsequence(
                "Fri 18:00  Automation \"close after 2 business days\" fired 5 times:",
                "           \"Where is my order?\" closed by RULE:close after 2 business days as status CLOSED",
                "           \"Complaint CMP-2025-000001\" closed by RULE:close after 2 business days as status CLOSED");
        assertThat(output).contains("automation.fired=5");
    }

    @Test
    @DisplayName("prints no customer's address: messages show the channel, never where they went")
    void printsNoAddresses() {
        // then
        assertThat(output).doesNotContain("ann.lee@", "bob.stone@", "chloe.martin@", "dev.sharma@", "@devsharma",
                "chloe.martin.lyon", "visitor-4711", "7700", "23456789", "12 34 56 78");
    }

    @Test
    @DisplayName("a survey comes back through the signed token in its link, once, and counts in the response rate")
    void surveyComesBackThroughItsToken() {
        // then
        assertThat(lines()).containsSubsequence(
                "Survey about \"Parcel late\" sent with a link: https://shop.example/survey?t=<a 76-character signed"
                        + " token, good for 14 days>",
                "Survey answered through its token: CSAT 5, NPS 9, linked to its follow-up and its case",
                "The same link used again is refused: token: was answered before; one answer per survey"
                        + " (AlreadyAnswered)",
                "Survey response rate: 1 answered of 1 sent");
    }

    @Test
    @DisplayName("plays the same week on every run: its clock is its own")
    void deterministic() {
        // when
        String again = runMain();

        // then
        Function<String, String> withoutDatabaseName = text -> text.replaceAll("shop-\\d+", "shop-N");
        assertThat(withoutDatabaseName.apply(again)).isEqualTo(withoutDatabaseName.apply(output));
    }

    /** The KPI table's first two cells per row: label to the "all" column and the rest of the line. */
    private static Map<String, String> kpiTable() {
        int start = lines().indexOf(lines().stream().filter(line -> line.contains("KPIs for the week of"))
                .findFirst().orElseThrow());
        return lines().subList(start + 2, start + 10).stream().collect(Collectors.toMap(
                line -> line.substring(11, 37).strip(), line -> line.substring(37)));
    }
}
