package dev.rapport.kpi;

import dev.rapport.kpi.Grouper.CustomerSubject;
import dev.rapport.kpi.StreamingSubjects.InteractionSubject;
import dev.rapport.spi.Money;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.kpi.CostToServe;
import dev.rapport.spi.kpi.CustomerBaseRule;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.CustomerBase;
import dev.rapport.spi.kpi.CustomerValue;
import dev.rapport.spi.kpi.Loyalty;
import dev.rapport.spi.kpi.PurchaseTotals;
import dev.rapport.spi.kpi.RevenueAfterService;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.Tallies;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The customer questions of {@link StreamingKpiQueries}: the customer base (churn, retention), purchases, loyalty,
 * lifetime value and revenue after service, streamed over the storage. Customers are walked by creation time, then
 * id, each page found through the storage's index however far the walk has come. Thread-safe: it holds no state
 * between calls.
 */
final class StreamingCustomerQueries {

    private static final BigDecimal MICROS_PER_HOUR = BigDecimal.valueOf(3_600_000_000L);

    private final RapportStorage storage;
    private final StreamingReads read;

    StreamingCustomerQueries(StreamingReads read) {
        this.read = read;
        this.storage = read.storage();
    }

    Tallies<CustomerBase> customerBase(CustomerBaseRule rule, Duration activityWindow, Slice slice) {
        Instant start = slice.period().from();
        Instant end = slice.period().to();
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[5]);
        // nobody created at or after the end was a customer in the period
        for (Customer customer : read.customersCreated(TimeRange.of(Instant.MIN, end))) {
            List<GroupKey> keys = grouper.keys(new CustomerSubject(customer));
            if (customer.status() == CustomerStatus.PROSPECT) {
                groups.exclude(keys, ExclusionReason.PROSPECT);
                continue;
            }
            Instant startWindow = Times.minus(start, activityWindow);
            Instant endWindow = Times.minus(end, activityWindow);
            boolean boughtBeforeStart = false;
            boolean boughtBeforeEnd = false;
            Instant from = startWindow.isBefore(endWindow) ? startWindow : endWindow;
            for (Interaction i : read.interactionsOf(customer.id(), TimeRange.of(from, end))) {
                if (i.kind() == InteractionKind.PURCHASE) {
                    boughtBeforeStart |= !i.occurredAt().isBefore(startWindow) && i.occurredAt().isBefore(start);
                    boughtBeforeEnd |= !i.occurredAt().isBefore(endWindow);
                }
            }
            boolean atStart = counts(customer, start, startWindow, boughtBeforeStart, rule);
            boolean atEnd = counts(customer, end, endWindow, boughtBeforeEnd, rule);
            groups.each(keys, totals -> {
                if (atStart) {
                    totals[0]++;
                }
                if (atEnd) {
                    totals[1]++;
                }
                if (atStart && atEnd) {
                    totals[2]++;
                } else if (atEnd) {
                    if (customer.createdAt().isBefore(start)) {
                        totals[4]++;
                    } else {
                        totals[3]++;
                    }
                }
            });
        }
        return groups.finish(t -> new CustomerBase(t[0], t[1], t[2], t[3], t[4]));
    }

    /** Whether the customer counts at {@code t}, given whether they purchased in {@code [windowStart, t)}. */
    static boolean counts(Customer customer, Instant t, Instant windowStart, boolean purchased,
            CustomerBaseRule rule) {
        if (!customer.createdAt().isBefore(t)) {
            return false;
        }
        if (rule == CustomerBaseRule.ACTIVITY_UNLESS_CHURNED && customer.status() == CustomerStatus.CHURNED
                && customer.updatedAt().isBefore(t)) {
            return false;
        }
        return !customer.createdAt().isBefore(windowStart) || purchased;
    }

    Tallies<PurchaseTotals> purchases(Currency currency, Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<PurchaseAccumulator> groups = new Groups<>(PurchaseAccumulator::new);
        for (Customer customer : read.customersCreated(TimeRange.ALL)) {
            Set<GroupKey> boughtIn = new HashSet<>();
            for (Interaction i : read.interactionsOf(customer.id(), slice.period())) {
                if (i.kind() != InteractionKind.PURCHASE) {
                    continue;
                }
                List<GroupKey> keys = grouper.keys(new InteractionSubject(i, grouper));
                Optional<ExclusionReason> problem = amountProblem(i, currency);
                if (problem.isPresent()) {
                    groups.exclude(keys, problem.get());
                    continue;
                }
                groups.each(keys, totals -> {
                    totals.orders++;
                    totals.revenue = totals.revenue.add(i.amount().get().amount());
                });
                boughtIn.addAll(keys);
            }
            boughtIn.forEach(key -> groups.at(key).purchasers++);
        }
        return groups.finish(t -> new PurchaseTotals(t.orders, t.revenue, t.purchasers));
    }

    static final class PurchaseAccumulator {
        long orders;
        BigDecimal revenue = BigDecimal.ZERO;
        long purchasers;
    }

    static Optional<ExclusionReason> amountProblem(Interaction purchase, Currency currency) {
        if (purchase.amount().isEmpty()) {
            return Optional.of(ExclusionReason.MISSING_AMOUNT);
        }
        if (!purchase.amount().get().currency().equals(currency)) {
            return Optional.of(ExclusionReason.OTHER_CURRENCY);
        }
        return Optional.empty();
    }

    Tallies<Loyalty> loyalty(Duration window, int minimumPurchases, Slice slice) {
        Instant at = slice.period().to();
        TimeRange range = TimeRange.of(Times.minus(at, window), at);
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[2]);
        for (Customer customer : read.customersCreated(TimeRange.of(Instant.MIN, at))) {
            long purchases = 0;
            for (Interaction i : read.interactionsOf(customer.id(), range)) {
                if (i.kind() == InteractionKind.PURCHASE) {
                    purchases++;
                }
            }
            if (purchases > 0) {
                boolean loyal = purchases >= minimumPurchases;
                groups.each(grouper.keys(new CustomerSubject(customer)), counts -> {
                    counts[0]++;
                    if (loyal) {
                        counts[1]++;
                    }
                });
            }
        }
        return groups.finish(c -> new Loyalty(c[0], c[1]));
    }

    Tallies<CustomerValue> customerValue(Currency currency, CostToServe cost, Slice slice) {
        Instant at = slice.period().to();
        Grouper grouper = new Grouper(storage, slice);
        Groups<ValueAccumulator> groups = new Groups<>(ValueAccumulator::new);
        for (Customer customer : read.customersCreated(TimeRange.of(Instant.MIN, at))) {
            List<GroupKey> keys = grouper.keys(new CustomerSubject(customer));
            if (customer.status() == CustomerStatus.PROSPECT) {
                groups.exclude(keys, ExclusionReason.PROSPECT);
                continue;
            }
            Optional<Money> acquisition = customer.acquisitionCost();
            boolean missingAmount = false;
            boolean otherCurrency = acquisition.isPresent() && !acquisition.get().currency().equals(currency);
            boolean negativeHandleTime = false;
            BigDecimal revenue = BigDecimal.ZERO;
            long contacts = 0;
            long handleMicros = 0;
            for (Interaction i : read.interactionsOf(customer.id(), TimeRange.of(Instant.MIN, at))) {
                if (i.kind() == InteractionKind.PURCHASE) {
                    Optional<ExclusionReason> problem = amountProblem(i, currency);
                    missingAmount |= problem.filter(ExclusionReason.MISSING_AMOUNT::equals).isPresent();
                    otherCurrency |= problem.filter(ExclusionReason.OTHER_CURRENCY::equals).isPresent();
                    if (problem.isEmpty()) {
                        revenue = revenue.add(i.amount().get().amount());
                    }
                }
                if (CaseFacts.isCaselessContact(i)) {
                    contacts++;
                }
                if (i.handledBy() == Handler.HUMAN && i.handleTime().isPresent()) {
                    HandleTime time = i.handleTime().get();
                    if (time.talk().isNegative() || time.hold().isNegative()
                            || time.afterContactWork().isNegative()) {
                        negativeHandleTime = true;
                    } else {
                        handleMicros += Times.micros(time.total());
                    }
                }
            }
            // one reason per customer: data-quality problems first, then the currency
            if (missingAmount) {
                groups.exclude(keys, ExclusionReason.MISSING_AMOUNT);
                continue;
            }
            if (negativeHandleTime && cost.perHandleHour().signum() > 0) {
                groups.exclude(keys, ExclusionReason.NEGATIVE_HANDLE_TIME);
                continue;
            }
            if (otherCurrency) {
                groups.exclude(keys, ExclusionReason.OTHER_CURRENCY);
                continue;
            }
            BigDecimal costToServe = BigDecimal.ZERO;
            if (!cost.isNone()) {
                if (cost.perContact().signum() > 0) {
                    for (Case c : read.casesOf(customer.id())) {
                        if (c.createdAt().isBefore(at)) {
                            contacts++;
                        }
                    }
                }
                BigDecimal scaled = cost.perContact().multiply(BigDecimal.valueOf(contacts)).multiply(MICROS_PER_HOUR)
                        .add(cost.perHandleHour().multiply(BigDecimal.valueOf(handleMicros)));
                costToServe = scaled.divide(MICROS_PER_HOUR, 4, RoundingMode.HALF_EVEN);
            }
            BigDecimal customerRevenue = revenue;
            BigDecimal customerCost = costToServe;
            BigDecimal customerAcquisition = acquisition.map(Money::amount).orElse(BigDecimal.ZERO);
            groups.each(keys, totals -> {
                totals.customers++;
                totals.revenue = totals.revenue.add(customerRevenue);
                totals.cost = totals.cost.add(customerCost);
                totals.acquisition = totals.acquisition.add(customerAcquisition);
            });
        }
        return groups.finish(t -> new CustomerValue(t.customers, t.revenue, t.cost, t.acquisition));
    }

    static final class ValueAccumulator {
        long customers;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal acquisition = BigDecimal.ZERO;
    }

    Tallies<RevenueAfterService> revenueAfterService(Duration window, Currency currency, Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<RevenueAccumulator> groups = new Groups<>(RevenueAccumulator::new);
        for (Interaction i : read.interactionsIn(slice.period())) {
            if (i.kind() != InteractionKind.PURCHASE) {
                continue;
            }
            List<GroupKey> keys = grouper.keys(new InteractionSubject(i, grouper));
            Optional<ExclusionReason> problem = amountProblem(i, currency);
            if (problem.isPresent()) {
                groups.exclude(keys, problem.get());
                continue;
            }
            BigDecimal amount = i.amount().get().amount();
            boolean afterService = followsResolution(i, window);
            groups.each(keys, totals -> {
                totals.purchases++;
                totals.revenue = totals.revenue.add(amount);
                if (afterService) {
                    totals.purchasesAfter++;
                    totals.revenueAfter = totals.revenueAfter.add(amount);
                }
            });
        }
        return groups.finish(t -> new RevenueAfterService(t.purchases, t.revenue, t.purchasesAfter, t.revenueAfter));
    }

    /** Whether one of the customer's cases was resolved at {@code r} with {@code r <= purchase < r + window}. */
    boolean followsResolution(Interaction purchase, Duration window) {
        Instant at = purchase.occurredAt();
        for (Case c : read.casesOf(purchase.customerId())) {
            if (c.createdAt().isAfter(at)) {
                break; // listed by creation time
            }
            for (Instant resolved : CaseFacts.resolutionInstants(c)) {
                if (!resolved.isAfter(at) && at.isBefore(Times.plus(resolved, window))) {
                    return true;
                }
            }
        }
        return false;
    }

    static final class RevenueAccumulator {
        long purchases;
        BigDecimal revenue = BigDecimal.ZERO;
        long purchasesAfter;
        BigDecimal revenueAfter = BigDecimal.ZERO;
    }
}
