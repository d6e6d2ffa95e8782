/** The storage port of case automations: the record of each rule's firings, and the scan for candidate cases. */
package dev.rapport.spi.automation;
