/**
 * Cases: the {@link dev.rapport.spi.cases.Case} aggregate, a customer issue from first contact to closure, with its
 * lifecycle of {@link dev.rapport.spi.cases.CaseStatus} moves and their history, and its repository port.
 */
package dev.rapport.spi.cases;
