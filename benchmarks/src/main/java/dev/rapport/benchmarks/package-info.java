/**
 * The JMH benchmarks of docs/benchmarks.md, each beside the baseline it must beat, measured in the same run (raw JDBC,
 * db-scheduler, hand-written SQL, the earlier router), and the small harnesses and probes beside them (multi-node
 * dispatch, statement counts, index footprint). Not published.
 */
package dev.rapport.benchmarks;
