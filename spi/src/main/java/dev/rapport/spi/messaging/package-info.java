/**
 * Messages to customers: the {@link dev.rapport.spi.messaging.CustomerMessenger} port the host implements over its
 * gateways, the message it is given, the receipt it returns and the exception that says whether to retry.
 */
package dev.rapport.spi.messaging;
