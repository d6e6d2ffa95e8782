/**
 * Importing history: the tickets of a helpdesk export (Zendesk, Freshdesk, any CSV layout declared by a
 * {@link dev.rapport.imports.ColumnMapping}) become customers, cases, interactions and CSAT answers, idempotently and
 * with their historic times. Start at {@link dev.rapport.imports.TicketImporter}; the RFC 4180 reader,
 * {@link dev.rapport.imports.CsvReader}, is usable on its own.
 */
package dev.rapport.imports;
