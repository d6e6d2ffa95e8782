/**
 * The reference storage adapter, {@link dev.rapport.tck.memory.InMemoryStorage}: every port held in memory behind
 * one lock, with transactions that roll back exactly, passing the whole storage kit. Use it in tests instead of
 * mocking Rapport's ports, and as the model when writing an adapter; the repositories it is built from are package
 * private.
 */
package dev.rapport.tck.memory;
