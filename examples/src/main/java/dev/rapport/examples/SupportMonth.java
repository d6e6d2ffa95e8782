package dev.rapport.examples;

import static dev.rapport.examples.SupportCast.AGENTS;
import static dev.rapport.examples.SupportCast.CATEGORIES;
import static dev.rapport.examples.SupportCast.CHANNELS;
import static dev.rapport.examples.SupportCast.FIRST_NAMES;
import static dev.rapport.examples.SupportCast.LAST_NAMES;
import static dev.rapport.examples.SupportCast.category;
import static dev.rapport.examples.SupportCast.profile;

import dev.rapport.Rapport;
import dev.rapport.cases.AssignCase;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.examples.SupportCast.AgentProfile;
import dev.rapport.examples.SupportCast.Category;
import dev.rapport.examples.SupportCast.ChannelProfile;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.test.SettableClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

/**
 * A month in a web shop's customer service, played through the Rapport facade: customers registered over the
 * winter, purchases, cases on six channels answered by eight agents within opening hours, customers who answer and
 * come back, reopened cases, CSAT, NPS and CES surveys, compliments, and chatbot conversations that some customers
 * escalate to a human. A courier incident in the second week doubles delivery questions for a few days, so the
 * backlog rises and satisfaction dips before both recover.
 *
 * <p>Everything is drawn from one seeded {@link Random} and happens on a {@link SettableClock} that the
 * simulation moves forward event by event, so every run stores the same story with the same timestamps.
 */
final class SupportMonth {

    /** The web shop's channel for purchases: Rapport's channels can be extended. */
    static final Channel WEBSHOP = Channel.of("webshop");

    private final Rapport rapport;
    private final SettableClock clock;
    private final Random random;
    private final ZoneId zone;
    private final Instant end;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final List<CustomerId> customers = new ArrayList<>();
    private final Map<CustomerId, Ticket> lastTicket = new HashMap<>();
    private final Map<AgentId, AgentProfile> agents = new LinkedHashMap<>();
    private long sequence;
    private int orders;
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    /**
     * A month to play.
     *
     * @param rapport the facade to record everything through; its clock must be {@code clock}
     * @param clock the clock the simulation moves
     * @param seed the seed of every random choice
     * @param zone the shop's time zone: opening hours and surveys follow it
     * @param end nothing happens at or after this instant: it is "now" when the month is reported
     */
    SupportMonth(Rapport rapport, SettableClock clock, long seed, ZoneId zone, Instant end) {
        this.rapport = rapport;
        this.clock = clock;
        this.random = new Random(seed);
        this.zone = zone;
        this.end = end;
    }

    /** The agents' names by id, as the KPI results name agents. */
    Map<String, String> agentNames() {
        Map<String, String> names = new LinkedHashMap<>();
        agents.forEach((id, profile) -> names.put(id.toString(), profile.name()));
        return names;
    }

    /** How many of each thing were recorded: customers, cases, interactions, feedback... */
    Map<String, Integer> counts() {
        return counts;
    }

    /**
     * Plays everything from {@code historyFrom} (registrations, purchases) and {@code casesFrom} (cases, bots,
     * surveys) to the end.
     */
    void play(LocalDate historyFrom, LocalDate casesFrom) {
        clock.set(historyFrom.atStartOfDay(zone).toInstant());
        hireAgents(historyFrom);
        LocalDate last = end.atZone(zone).toLocalDate();
        for (LocalDate day = historyFrom; !day.isAfter(last); day = day.plusDays(1)) {
            planDay(day, !day.isBefore(casesFrom));
        }
        LocalDate survey = casesFrom.plusDays(22);
        at(survey.atTime(10, 0).atZone(zone).toInstant(), this::relationshipSurvey);
        while (!tasks.isEmpty()) {
            Task task = tasks.poll();
            clock.set(task.at());
            task.action().run();
        }
        clock.set(end);
    }

    // ------------------------------------------------------------------------------------------------ planning

    private void hireAgents(LocalDate from) {
        for (int i = 0; i < AGENTS.size(); i++) {
            AgentProfile profile = AGENTS.get(i);
            Instant hired = (profile.joined() == null ? from : profile.joined()).atStartOfDay(zone).toInstant();
            AgentId id = new AgentId(UUID.nameUUIDFromBytes(("agent-" + i).getBytes(StandardCharsets.UTF_8)));
            rapport.storage().agents().insert(Agent.builder().id(id).name(profile.name())
                    .team(TeamId.of(profile.team())).presence(Presence.AVAILABLE)
                    .capacity(Map.of(Channel.EMAIL, 12, Channel.CHAT, 3, Channel.PHONE, 1))
                    .createdAt(hired).updatedAt(hired).build());
            agents.put(id, profile);
        }
    }

    private void planDay(LocalDate day, boolean service) {
        DayOfWeek weekday = day.getDayOfWeek();
        boolean weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
        int registrations = weekend ? 3 : 5;
        for (int i = 0; i < registrations; i++) {
            at(someTime(day, 7, 23), this::register);
        }
        for (int i = 0; i < (weekend ? 7 : 5); i++) {
            at(someTime(day, 6, 24), this::purchase);
        }
        if (!service) {
            return;
        }
        boolean incident = day.getDayOfMonth() >= 11 && day.getDayOfMonth() <= 15 && day.getMonthValue() == 3;
        int cases = weekday == DayOfWeek.SUNDAY ? 7 : weekday == DayOfWeek.SATURDAY ? 11 : 19;
        cases += random.nextInt(5) - 2 + (incident ? 12 : 0);
        for (int i = 0; i < cases; i++) {
            boolean courier = incident && i % 2 == 0;
            at(someTime(day, 6, 24), () -> newCase(null, courier ? "delivery" : null, null));
        }
        for (int i = 0; i < (weekend ? 6 : 9); i++) {
            at(someTime(day, 0, 24), this::botConversation);
        }
    }

    private Instant someTime(LocalDate day, int fromHour, int toHour) {
        int minutes = fromHour * 60 + random.nextInt((toHour - fromHour) * 60);
        return day.atStartOfDay(zone).plusMinutes(minutes).plusSeconds(random.nextInt(60)).toInstant();
    }

    private void at(Instant when, Runnable action) {
        if (when.isBefore(end)) {
            tasks.add(new Task(when.truncatedTo(ChronoUnit.MICROS), sequence++, action));
        }
    }

    // ------------------------------------------------------------------------------------------------ customers

    private void register() {
        int n = customers.size() + 1;
        String name = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())) + " "
                + LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
        CustomerId id = rapport.customers().register(RegisterCustomer.builder()
                .name(name)
                .identity(ContactIdentity.primary(Channel.EMAIL, "customer" + n + "@example.com"))
                .identity(ContactIdentity.primary(Channel.PHONE, String.format("+44 7700 9%05d", n)))
                .segment(random.nextDouble() < 0.18 ? "business" : "consumer")
                .timeZone(zone)
                .build()).id();
        customers.add(id);
        count("customers");
    }

    private void purchase() {
        if (customers.isEmpty()) {
            return;
        }
        CustomerId customer = anyCustomer();
        BigDecimal amount = BigDecimal.valueOf(15 + Math.exp(3.2 + 0.8 * random.nextGaussian()))
                .setScale(2, RoundingMode.HALF_UP);
        rapport.interactions().record(RecordInteraction.builder().customerId(customer).channel(WEBSHOP)
                .kind(InteractionKind.PURCHASE).handledBy(Handler.AUTOMATIC).amount(Money.of(amount.toPlainString(),
                        "EUR")).orderRef("ORD-" + (10_000 + ++orders)).build());
        count("purchases");
    }

    /** A customer, the first registered more often: long-standing customers buy and write more. */
    private CustomerId anyCustomer() {
        int n = customers.size();
        int index = random.nextDouble() < 0.35 ? random.nextInt(Math.max(1, n / 4)) : random.nextInt(n);
        return customers.get(index);
    }

    // ------------------------------------------------------------------------------------------------ cases

    /** One customer's case and what the simulation remembers of it. */
    private static final class Ticket {
        CaseId id;
        CustomerId customer;
        ChannelProfile channel;
        Category category;
        AgentId agent;
        Instant openedAt;
        Duration firstReplyWait;
        int rounds;
        boolean reopened;
        boolean surveyed;
    }

    private void newCase(CustomerId given, String categoryCode, Channel forcedChannel) {
        if (customers.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Ticket t = new Ticket();
        t.customer = given != null ? given : anyCustomer();
        Ticket previous = lastTicket.get(t.customer);
        boolean followUp = given == null && previous != null
                && Duration.between(previous.openedAt, now).compareTo(Duration.ofDays(7)) < 0
                && random.nextDouble() < 0.6;
        t.category = categoryCode != null ? category(categoryCode)
                : followUp ? previous.category : pick(CATEGORIES, Category::weight);
        boolean open = isOpen(now);
        t.channel = forcedChannel != null ? profile(forcedChannel)
                : pick(CHANNELS.stream().filter(c -> open || !c.liveOnly()).toList(), ChannelProfile::weight);
        t.openedAt = now;
        Case opened = rapport.cases().open(OpenCase.builder().customerId(t.customer).subject(t.category.subject())
                .category(t.category.code()).priority(t.category.priority()).originChannel(t.channel.channel())
                .build());
        t.id = opened.id();
        lastTicket.put(t.customer, t);
        count("cases");
        rapport.interactions().record(RecordInteraction.builder().customerId(t.customer).caseId(t.id)
                .channel(t.channel.channel())
                .kind(t.channel.channel().equals(Channel.PHONE) ? InteractionKind.CALL : t.category.kind())
                .summary(t.category.subject()).build());
        count("interactions");
        if (t.channel.channel().equals(Channel.EMAIL) || t.channel.channel().equals(Channel.WEB_FORM)) {
            // An automatic acknowledgement: it is not a reply, and the KPIs do not count it as one.
            rapport.interactions().record(RecordInteraction.builder().customerId(t.customer).caseId(t.id)
                    .channel(t.channel.channel()).outbound().handledBy(Handler.AUTOMATIC)
                    .summary("We have received your message.").build());
            count("interactions");
        }
        at(working(now.plusSeconds(30 + random.nextInt(300))), () -> assign(t));
    }

    private void assign(Ticket t) {
        Instant now = clock.instant();
        List<AgentId> present = agents.entrySet().stream()
                .filter(e -> e.getValue().joined() == null || !e.getValue().joined().isAfter(now.atZone(zone)
                        .toLocalDate()))
                .map(Map.Entry::getKey).toList();
        t.agent = pick(present, id -> agents.get(id).weight());
        rapport.cases().assign(new AssignCase(t.id, t.agent));
        rapport.cases().startWork(t.id);
        Instant reply = replyTime(t, t.openedAt);
        t.firstReplyWait = Duration.between(t.openedAt, reply);
        at(reply, () -> agentReply(t));
    }

    /** When the agent answers a message that arrived at {@code from}: the channel's pace, within opening hours. */
    private Instant replyTime(Ticket t, Instant from) {
        double minutes = t.channel.replyMedianMinutes() * agents.get(t.agent).speed()
                * Math.exp(t.channel.sigma() * random.nextGaussian()) * (busy(from) ? 2.5 : 1);
        Instant candidate = from.plus(Duration.ofMillis((long) (minutes * 60_000)));
        if (candidate.isBefore(clock.instant())) {
            candidate = clock.instant().plusSeconds(5 + random.nextInt(60));
        }
        return working(candidate);
    }

    private void agentReply(Ticket t) {
        if (status(t) == CaseStatus.CLOSED) {
            return;
        }
        boolean phone = t.channel.channel().equals(Channel.PHONE);
        HandleTime handled = phone
                ? new HandleTime(minutes(6), minutes(1), minutes(2))
                : new HandleTime(Duration.ZERO, Duration.ZERO, minutes(4));
        rapport.interactions().record(RecordInteraction.builder().customerId(t.customer).caseId(t.id)
                .channel(t.channel.channel()).outbound().agentId(t.agent)
                .kind(phone ? InteractionKind.CALL : InteractionKind.MESSAGE).handleTime(handled)
                .summary("Here is what we can do.").build());
        count("interactions");
        t.rounds++;
        double resolveNow = t.rounds == 1 ? t.channel.resolveOnFirstReply() : 0.65;
        if (t.rounds >= 4 || random.nextDouble() < resolveNow) {
            at(clock.instant().plusSeconds(60 + random.nextInt(900)), () -> resolve(t));
        } else if (random.nextDouble() < 0.75) {
            rapport.cases().waitOnCustomer(t.id);
            double hours = 4 * Math.exp(1.1 * random.nextGaussian());
            at(clock.instant().plus(Duration.ofMinutes((long) (hours * 60) + 1)), () -> customerWrites(t));
        } else {
            // The agent needs a colleague or a courier first, and comes back to it later.
            at(working(clock.instant().plus(Duration.ofHours(6 + random.nextInt(30)))), () -> resolve(t));
        }
    }

    private void customerWrites(Ticket t) {
        if (status(t) == CaseStatus.CLOSED) {
            return;
        }
        rapport.interactions().record(RecordInteraction.builder().customerId(t.customer).caseId(t.id)
                .channel(t.channel.channel()).kind(InteractionKind.MESSAGE).summary("Thanks, one more question.")
                .build());
        count("interactions");
        Instant now = clock.instant();
        at(replyTime(t, now), () -> agentReply(t));
    }

    private void resolve(Ticket t) {
        CaseStatus status = status(t);
        if (status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED) {
            return;
        }
        rapport.cases().resolve(t.id);
        Instant now = clock.instant();
        if (!t.reopened && random.nextDouble() < 0.07) {
            t.reopened = true;
            at(now.plus(Duration.ofHours(20 + random.nextInt(72))), () -> customerWrites(t));
        }
        if (!t.surveyed) {
            t.surveyed = true;
            survey(t, now);
        }
        at(now.plus(Duration.ofDays(5)), () -> close(t));
    }

    private void close(Ticket t) {
        if (status(t) == CaseStatus.RESOLVED && random.nextDouble() < 0.6) {
            rapport.cases().close(t.id);
        }
    }

    private CaseStatus status(Ticket t) {
        return rapport.cases().get(t.id).status();
    }

    // ------------------------------------------------------------------------------------------------ feedback

    /** How the customer felt about the case, 0..1, from the agent, the wait, the topic and reopens. */
    private double mood(Ticket t) {
        double mood = agents.get(t.agent).quality() + t.category.mood();
        double expected = t.channel.replyMedianMinutes() * 60;
        if (t.firstReplyWait.toSeconds() > 3 * expected + 3_600) {
            mood -= 0.12;
        }
        if (t.reopened) {
            mood -= 0.15;
        }
        if (busy(t.openedAt)) {
            mood -= 0.10;
        }
        return mood;
    }

    private void survey(Ticket t, Instant resolved) {
        Instant answered = resolved.plus(Duration.ofMinutes(20 + (long) (120 * Math.exp(random.nextGaussian()))));
        if (random.nextDouble() < 0.45) {
            at(answered, () -> {
                boolean satisfied = random.nextDouble() < mood(t);
                int score = satisfied ? (random.nextDouble() < 0.62 ? 5 : 4)
                        : (random.nextDouble() < 0.5 ? 3 : random.nextDouble() < 0.6 ? 2 : 1);
                rapport.feedback().record(RecordFeedback.csat(t.customer, score).caseId(t.id).agentId(t.agent)
                        .channel(t.channel.channel()).build());
                count("csat");
            });
        }
        if (random.nextDouble() < 0.18) {
            at(answered.plus(Duration.ofMinutes(2)), () -> {
                int score = (int) Math.round(Math.max(1, Math.min(7, 1 + 6 * mood(t) + random.nextGaussian())));
                rapport.feedback().record(RecordFeedback.ces(t.customer, score).caseId(t.id)
                        .channel(t.channel.channel()).build());
                count("ces");
            });
        }
        if (random.nextDouble() < 0.22) {
            at(resolved.plus(Duration.ofHours(26 + random.nextInt(20))), () -> {
                rapport.feedback().record(RecordFeedback.nps(t.customer, npsScore(mood(t))).build());
                count("nps");
            });
        }
        if (random.nextDouble() < 0.09 * agents.get(t.agent).quality() * agents.get(t.agent).quality()) {
            at(answered.plus(Duration.ofMinutes(5)), () -> {
                rapport.interactions().record(RecordInteraction.builder().customerId(t.customer).caseId(t.id)
                        .channel(t.channel.channel()).kind(InteractionKind.COMPLIMENT).agentId(t.agent)
                        .summary("Thank you, that was great help!").build());
                count("compliments");
            });
        }
    }

    private int npsScore(double mood) {
        return (int) Math.round(Math.max(0, Math.min(10, 10 * mood + 0.2 + 1.6 * random.nextGaussian())));
    }

    /** Halfway through, the shop asks a sample of its customers how likely they are to recommend it. */
    private void relationshipSurvey() {
        int asked = Math.min(160, customers.size());
        for (int i = 0; i < asked; i++) {
            CustomerId customer = customers.get(random.nextInt(customers.size()));
            if (random.nextDouble() < 0.4) {
                int score = npsScore(0.84);
                at(clock.instant().plus(Duration.ofMinutes(10 + random.nextInt(5 * 24 * 60))), () -> {
                    rapport.feedback().record(RecordFeedback.nps(customer, score).channel(Channel.EMAIL).build());
                    count("nps");
                });
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ chatbot

    /** A customer asks the chatbot; some get their answer there, others ask for a person on chat later. */
    private void botConversation() {
        if (customers.isEmpty()) {
            return;
        }
        CustomerId customer = anyCustomer();
        Category category = pick(CATEGORIES.subList(0, 5), Category::weight);
        rapport.interactions().record(RecordInteraction.builder().customerId(customer).channel(Channel.CHATBOT)
                .handledBy(Handler.BOT).kind(category.kind()).reason(category.code()).summary(category.subject())
                .build());
        rapport.interactions().record(RecordInteraction.builder().customerId(customer).channel(Channel.CHATBOT)
                .outbound().handledBy(Handler.BOT).summary("Here is an article that may help.").build());
        count("bot conversations");
        if (random.nextDouble() < 0.28) {
            at(working(clock.instant().plus(Duration.ofMinutes(5 + random.nextInt(90)))),
                    () -> newCase(customer, category.code(), Channel.CHAT));
        }
    }

    // ------------------------------------------------------------------------------------------------ time

    /** Opening hours: Monday to Friday 8:00 to 20:00, Saturday 9:00 to 17:00, closed on Sunday. */
    private boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return switch (local.getDayOfWeek()) {
            case SUNDAY -> false;
            case SATURDAY -> !time.isBefore(LocalTime.of(9, 0)) && time.isBefore(LocalTime.of(17, 0));
            default -> !time.isBefore(LocalTime.of(8, 0)) && time.isBefore(LocalTime.of(20, 0));
        };
    }

    /** The instant itself when the shop is open, else some minutes after it next opens (the queue of the night). */
    private Instant working(Instant instant) {
        if (isOpen(instant)) {
            return instant;
        }
        ZonedDateTime t = instant.atZone(zone).truncatedTo(ChronoUnit.HOURS);
        while (!isOpen(t.toInstant())) {
            t = t.plusHours(1);
        }
        return t.toInstant().plusSeconds(60L * (5 + random.nextInt(150)));
    }

    /** Whether the courier incident keeps the team busy: replies take longer and customers are less happy. */
    private boolean busy(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        return day.getMonthValue() == 3 && day.getDayOfMonth() >= 11 && day.getDayOfMonth() <= 16;
    }

    private static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }

    // ------------------------------------------------------------------------------------------------ choices

    private <T> T pick(List<T> options, java.util.function.ToDoubleFunction<T> weight) {
        double total = options.stream().mapToDouble(weight).sum();
        double r = random.nextDouble() * total;
        for (T option : options) {
            r -= weight.applyAsDouble(option);
            if (r < 0) {
                return option;
            }
        }
        return options.get(options.size() - 1);
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    /** Something that happens at an instant; ties run in the order they were planned. */
    private record Task(Instant at, long sequence, Runnable action) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
