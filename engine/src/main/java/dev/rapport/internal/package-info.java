/**
 * The engine's shared machinery, internal to Rapport and not an API: the runtime every service of one Rapport shares
 * ({@link dev.rapport.internal.EngineRuntime}), the unit of work that runs an operation in one transaction and
 * releases its events only after commit ({@link dev.rapport.internal.UnitOfWork}), the command checker
 * ({@link dev.rapport.internal.CommandValidator}), the case hooks, lazy paging and the supervised background worker
 * ({@link dev.rapport.internal.WorkerLoop}). Hosts use the services {@code dev.rapport.Rapport} hands out instead.
 */
package dev.rapport.internal;
