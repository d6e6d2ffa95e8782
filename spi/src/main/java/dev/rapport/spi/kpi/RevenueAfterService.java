package dev.rapport.spi.kpi;

import java.math.BigDecimal;

/**
 * Purchases and the share after service.
 *
 * @param purchases purchases
 * @param revenue their amounts' sum
 * @param purchasesAfterService purchases within the window after a resolution of one of the customer's cases
 * @param revenueAfterService their amounts' sum
 */
public record RevenueAfterService(long purchases, BigDecimal revenue, long purchasesAfterService,
        BigDecimal revenueAfterService) {
    /** No purchase. */
    public static final RevenueAfterService EMPTY =
            new RevenueAfterService(0, BigDecimal.ZERO, 0, BigDecimal.ZERO);
}
