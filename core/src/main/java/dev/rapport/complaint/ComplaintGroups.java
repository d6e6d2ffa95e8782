package dev.rapport.complaint;

import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiTally;
import dev.rapport.kpi.LabelGroups;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.GroupKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The groups of a complaint under one KPI request: its period, its channel, or the tags and custom fields of its
 * linked case ({@code TAG}, {@code FIELD}; a complaint without case goes to the group without value) or of its
 * customer ({@code CUSTOMER_TAG}, {@code CUSTOMER_FIELD}), placed by {@link LabelGroups} as the built-in KPIs do.
 * Made for one computation: it caches the cases and customers it reads, so each is read once. Not thread-safe.
 */
final class ComplaintGroups {

    private final RapportStorage storage;
    private final KpiRequest request;
    private final Map<CaseId, Optional<Case>> cases = new HashMap<>();
    private final Map<CustomerId, Optional<Customer>> customers = new HashMap<>();

    ComplaintGroups(RapportStorage storage, KpiRequest request) {
        this.storage = storage;
        this.request = request;
    }

    /** Whether the request breaks down by the customer's tags or a custom field of the customer. */
    boolean byCustomerLabel() {
        Dimension dimension = request.breakdown().dimension();
        return dimension == Dimension.CUSTOMER_TAG || dimension == Dimension.CUSTOMER_FIELD;
    }

    /** The groups of a complaint whose record (receipt, decision, deadline) falls at {@code at}; at least one. */
    List<GroupKey> of(Complaint complaint, Instant at) {
        Dimension dimension = request.breakdown().dimension();
        return switch (dimension) {
            case PERIOD -> List.of(KpiTally.periodOf(request.breakdown(), request.period(), at));
            case CHANNEL -> List.of(GroupKey.of(dimension, complaint.channel().code()));
            case TAG, FIELD -> LabelGroups.of(request.breakdown(), complaint.caseId().flatMap(this::supportCase),
                    Optional.empty());
            case CUSTOMER_TAG, CUSTOMER_FIELD -> LabelGroups.of(request.breakdown(), Optional.empty(),
                    customers.computeIfAbsent(complaint.customerId(), storage.customers()::findById));
            default -> List.of(GroupKey.TOTAL);
        };
    }

    /** The groups of a customer under a breakdown by the customer's tags or a custom field; at least one. */
    List<GroupKey> of(Customer customer) {
        return LabelGroups.of(request.breakdown(), Optional.empty(), Optional.of(customer));
    }

    private Optional<Case> supportCase(CaseId id) {
        return cases.computeIfAbsent(id, storage.cases()::findById);
    }
}
