/**
 * Case automations: rules that act on cases by themselves, such as closing a case resolved a few business days ago,
 * reminding a customer who has not answered, or escalating a case whose SLA broke. An
 * {@link dev.rapport.automation.AutomationRule} names the states a case must be in, the
 * {@link dev.rapport.automation.Condition}s that must all hold (ages counted as an {@link dev.rapport.automation.Age}
 * in calendar or business time) and the {@link dev.rapport.automation.Action}s to run in order;
 * {@link dev.rapport.automation.AutomationEngine} fires each rule at most once per case and occasion, across nodes.
 * See docs/automation.md.
 */
package dev.rapport.automation;
