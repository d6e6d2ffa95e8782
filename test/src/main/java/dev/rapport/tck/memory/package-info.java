/**
 * The reference storage adapter, {@link dev.rapport.tck.memory.InMemoryStorage}: every port held in memory behind
 * one lock, with transactions that roll back exactly, passing the whole storage kit. Use it in tests instead of
 * mocking Rapport's ports, and as the model when writing an adapter; the repositories it is built from are package
 * private.
 *
 * <p>It ships in {@code rapport-test}, which brings no test framework; the package keeps the name it had when it
 * lived in the storage kit ({@code rapport-spi-tck}) for compatibility, so that every existing import stays valid.
 * The kit depends on {@code rapport-test}, so whoever depends on the kit still gets it.
 */
package dev.rapport.tck.memory;
