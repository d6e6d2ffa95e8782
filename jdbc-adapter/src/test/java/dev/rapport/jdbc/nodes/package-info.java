/**
 * Tests that run several application nodes as operating-system processes on one embedded PostgreSQL and kill one
 * with {@code kill -9}: what threads in one JVM cannot show, because a killed process loses its memory, its
 * threads and its connections at once.
 *
 * <p>The parts: {@link dev.rapport.jdbc.nodes.Nodes} (one per test) starts the database, migrates the schema
 * under a fresh prefix, creates the {@link dev.rapport.jdbc.nodes.HarnessTables}, launches
 * {@link dev.rapport.jdbc.nodes.NodeMain} processes and kills what is left after the test;
 * {@link dev.rapport.jdbc.nodes.Node} is one process: its stdout lines, its stdin commands, {@code kill()}.
 * A node plays one {@link dev.rapport.jdbc.nodes.NodeRole}; nodes report through tables written in autocommit
 * ({@link dev.rapport.jdbc.nodes.RecordingMessenger}, {@link dev.rapport.jdbc.nodes.RecordingPublisher}, the
 * outbox trigger) and through one stdout line per step.
 *
 * <p>Routing has its role ({@link dev.rapport.jdbc.nodes.RouteNode}), its report tables written by triggers on
 * Rapport's routing and agent tables ({@link dev.rapport.jdbc.nodes.RoutingTables}, each row naming the node that
 * wrote it through the connection's {@code application_name}) and its test
 * ({@link dev.rapport.jdbc.nodes.RoutingAcrossNodesTest}).
 *
 * <p>To add a scenario: write a role class (as {@code RouteNode} does: build a Rapport over
 * {@code context.storage()}, {@code context.ready()}, {@code context.awaitGo()}, work, print a line per step, act on
 * {@code context.nextCommand(...)} for cues such as {@code REGISTER agent-7}, return after {@code awaitStop()});
 * name it in {@link dev.rapport.jdbc.nodes.NodeMain#ROLES}; create the tables it reports into with
 * {@link dev.rapport.jdbc.nodes.Nodes#execute(String)}; and write the test: seed, {@code start}, {@code awaitReady},
 * {@code go}, {@code awaitCount}/{@code awaitLine}, {@code kill}, {@link dev.rapport.jdbc.nodes.Nodes#await}, then
 * count from the tables and {@link dev.rapport.jdbc.nodes.Nodes#report} the counts.
 */
package dev.rapport.jdbc.nodes;
