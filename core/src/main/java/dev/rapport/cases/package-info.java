/**
 * Cases: a customer's issue from first contact to closure, its lifecycle and who works on it. Start at
 * {@link dev.rapport.cases.CaseService}.
 */
package dev.rapport.cases;
