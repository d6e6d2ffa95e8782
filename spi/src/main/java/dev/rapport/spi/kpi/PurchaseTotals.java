package dev.rapport.spi.kpi;

import java.math.BigDecimal;

/**
 * Purchase totals.
 *
 * @param orders purchases
 * @param revenue their amounts' sum
 * @param purchasers distinct customers who purchased
 */
public record PurchaseTotals(long orders, BigDecimal revenue, long purchasers) {
    /** No purchase. */
    public static final PurchaseTotals EMPTY = new PurchaseTotals(0, BigDecimal.ZERO, 0);
}
