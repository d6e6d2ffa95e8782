/**
 * Test support for hosts and adapters, with no test framework inside: {@link dev.rapport.test.SettableClock}, a
 * clock the test sets and moves, and {@link dev.rapport.test.FaultInjectingStorage}, which wraps any storage and
 * fails the calls a test chooses. The in-memory storage they are usually combined with,
 * {@link dev.rapport.tck.memory.InMemoryStorage}, ships in the same artifact, {@code rapport-test}.
 */
package dev.rapport.test;
