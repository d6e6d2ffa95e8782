package dev.rapport.tck;

import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.interaction.Interaction;
import java.time.Instant;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A random but reproducible data set for KPI tests: customers of several segments and statuses, agents in teams,
 * cases with status histories, replies, reopens and resolutions, interactions by customers, agents, bots and
 * automatic processes (notes, purchases in several currencies, compliments, calls with handle times), and feedback
 * on several scales; plus, on purpose, records that contradict themselves (resolved before created, replies before
 * creation, first replies after the resolution, histories that do not add up, scores off their scale, negative handle times, purchases without amount).
 * The same seed always gives the same records, ids included.
 *
 * <p>Every instant lies within a few weeks of {@link #T0}, except customers created up to {@value #OLDEST_DAYS}
 * days earlier; instants carry microseconds, so durations are not round. Immutable and thread-safe once generated.
 *
 * @param seed the seed it was generated from
 * @param agents the agents
 * @param customers the customers
 * @param cases the cases
 * @param interactions the interactions
 * @param feedback the feedback responses, survey answers among them (those naming a follow-up)
 * @param followUps the follow-ups: surveys sent, scheduled, cancelled and failed, and a few of other kinds
 * @param compliments compliments taken in through the complaints door (complaints of kind COMPLIMENT), crediting
 *        none, one or two agents
 */
public record KpiDataSet(long seed, List<Agent> agents, List<Customer> customers, List<Case> cases,
        List<Interaction> interactions, List<Feedback> feedback, List<FollowUp> followUps,
        List<Complaint> compliments) {

    /** The start of the data set's busy weeks: Monday 4 March 2024, midnight UTC. */
    public static final Instant T0 = Instant.parse("2024-03-04T00:00:00Z");

    /** How many days before {@link #T0} the oldest customer may have been created. */
    public static final int OLDEST_DAYS = 420;

    /** The categories cases and contact reasons are drawn from (besides none). */
    public static final List<String> CATEGORIES = List.of("billing", "delivery", "returns", "account");

    /** The segments customers are drawn from (besides none). */
    public static final List<String> SEGMENTS = List.of("retail", "pro", "vip");

    /** The scales CSAT answers are given on; the last one is off (its minimum is not below its maximum). */
    static final List<Scale> CSAT_SCALES = List.of(Scale.CSAT_1_TO_5, new Scale(1, 10,
            ScaleDirection.HIGHER_IS_BETTER), new Scale(1, 7, ScaleDirection.LOWER_IS_BETTER), new Scale(3, 3,
            ScaleDirection.HIGHER_IS_BETTER));
    static final List<Scale> CES_SCALES = List.of(Scale.CES_1_TO_7, Scale.CES_EFFORT_1_TO_5);
    static final List<Channel> CASE_CHANNELS = List.of(Channel.EMAIL, Channel.PHONE, Channel.CHAT,
            Channel.WEB_FORM, Channel.WHATSAPP);
    static final List<Channel> CONTACT_CHANNELS = List.of(Channel.EMAIL, Channel.PHONE, Channel.CHAT,
            Channel.CHATBOT, Channel.SELF_SERVICE, Channel.IVR, Channel.SMS);

    /**
     * Copies the lists.
     *
     * @param seed the seed it was generated from
     * @param agents the agents, every case's assignee among them
     * @param customers the customers, every record's customer among them
     * @param cases the cases, open and resolved, across channels, categories and priorities
     * @param interactions the interactions on the cases and outside them
     * @param feedback the feedback responses, survey answers among them (those naming a follow-up)
     * @param followUps the follow-ups: surveys sent, scheduled, cancelled and failed, and a few of other kinds
     * @param compliments compliments taken in through the complaints door (complaints of kind COMPLIMENT), crediting
     *        none, one or two agents
     */
    public KpiDataSet {
        agents = List.copyOf(agents);
        customers = List.copyOf(customers);
        cases = List.copyOf(cases);
        interactions = List.copyOf(interactions);
        feedback = List.copyOf(feedback);
        followUps = List.copyOf(followUps);
        compliments = List.copyOf(compliments);
    }

    /**
     * Generates a data set.
     *
     * @param seed the seed; the same seed gives the same data set
     * @param scale roughly how many cases per 10; 10 gives about 120 cases, 800 interactions and 150 ratings
     * @return the data set; the same seed and scale give the same data
     */
    public static KpiDataSet generate(long seed, int scale) {
        return new KpiDataGenerator(seed, Math.max(1, scale)).generate();
    }

    /**
     * Stores every record, and the customers' {@linkplain #healthStandings() health standings}, in one transaction.
     *
     * @param storage an empty store to write the data set to
     */
    public void writeTo(RapportStorage storage) {
        storage.transactions().runInTransaction(() -> {
            agents.forEach(storage.agents()::insert);
            customers.forEach(storage.customers()::insert);
            cases.forEach(storage.cases()::insert);
            interactions.forEach(storage.interactions()::insert);
            feedback.stream().filter(f -> f.followUpId().isEmpty()).forEach(storage.feedback()::insert);
            followUps.forEach(storage.followUps()::insert);
            compliments.forEach(storage.complaints()::insert);
            java.util.Map<dev.rapport.spi.followup.FollowUpId, List<Feedback>> answers = new java.util.LinkedHashMap<>();
            feedback.stream().filter(f -> f.followUpId().isPresent())
                    .forEach(f -> answers.computeIfAbsent(f.followUpId().get(), k -> new ArrayList<>()).add(f));
            answers.forEach(storage.feedback()::insertSurveyAnswer);
            healthStandings().forEach(standing -> storage.healthStandings().replace(java.util.Optional.empty(),
                    standing));
        });
    }

    /**
     * The health standings of the data set, for KPI breakdowns by health band: by the customer's position, none,
     * HEALTHY, WATCH, AT_RISK in turn (so a quarter of the customers were never evaluated). Derived, not drawn, so
     * the records of a seed stay what they were.
     *
     * @return one standing for three customers in four
     */
    public List<dev.rapport.spi.customer.HealthStanding> healthStandings() {
        List<dev.rapport.spi.customer.HealthStanding> standings = new java.util.ArrayList<>();
        dev.rapport.spi.customer.HealthBand[] bands = dev.rapport.spi.customer.HealthBand.values();
        for (int i = 0; i < customers.size(); i++) {
            if (i % 4 != 0) {
                dev.rapport.spi.customer.HealthBand band = bands[i % 4 - 1];
                standings.add(new dev.rapport.spi.customer.HealthStanding(customers.get(i).id(), band,
                        100 - 30 * (i % 4), T0, T0));
            }
        }
        return standings;
    }

    @Override
    public String toString() {
        return "data set " + seed + " (" + customers.size() + " customers, " + cases.size() + " cases, "
                + interactions.size() + " interactions, " + feedback.size() + " ratings)";
    }
}
