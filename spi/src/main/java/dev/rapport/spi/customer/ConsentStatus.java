package dev.rapport.spi.customer;

/** Whether a customer agreed to be contacted on a channel. No entry for a channel means the customer was not asked. */
public enum ConsentStatus {
    /** The customer agreed to messages on the channel. */
    OPTED_IN,
    /** The customer refused or withdrew consent; nothing is sent on the channel. */
    OPTED_OUT
}
