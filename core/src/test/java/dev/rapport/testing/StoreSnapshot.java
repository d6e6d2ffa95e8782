package dev.rapport.testing;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Interaction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;

/**
 * Everything a store holds, read through the ports, to compare a store before and after an operation.
 *
 * @param customers every customer
 * @param cases every case
 * @param interactions every interaction
 * @param feedback every feedback response
 * @param agents every agent
 * @param followUps every follow-up
 */
public record StoreSnapshot(List<Customer> customers, List<Case> cases, List<Interaction> interactions,
        List<Feedback> feedback, List<Agent> agents, List<FollowUp> followUps) {

    /** Reads the whole store. */
    public static StoreSnapshot of(RapportStorage storage) {
        return new StoreSnapshot(
                all(storage.customers()::list),
                all(page -> storage.cases().findByStatus(EnumSet.allOf(CaseStatus.class), page)),
                all(page -> storage.interactions().findOccurredBetween(TimeRange.ALL, page)),
                all(page -> storage.feedback().findReceivedBetween(TimeRange.ALL, page)),
                all(storage.agents()::list),
                all(page -> storage.followUps().findByStatus(EnumSet.allOf(FollowUpStatus.class), page)));
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> query) {
        List<T> items = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<T> page = query.apply(request);
            items.addAll(page.items());
            if (page.nextRequest().isEmpty()) {
                return items;
            }
            request = page.nextRequest().get();
        }
    }
}
