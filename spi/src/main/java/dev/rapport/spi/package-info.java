/**
 * The contract between Rapport and its storage: the {@link dev.rapport.spi.RapportStorage} port an adapter implements,
 * the shared {@link dev.rapport.spi.Transactions} port, paging ({@link dev.rapport.spi.Page},
 * {@link dev.rapport.spi.PageRequest}) and time ranges, the {@link dev.rapport.spi.Channel} and
 * {@link dev.rapport.spi.Money} values every aggregate uses, and the one exception root,
 * {@link dev.rapport.spi.RapportException}, with its typed subclasses. The aggregates and their repository ports
 * live in the sub-packages, one per concept.
 */
package dev.rapport.spi;
