/**
 * Progress of long-running operations (imports, exports, batch jobs), reported to a listener the host supplies:
 * {@link dev.rapport.progress.ProgressListener} receives immutable {@link dev.rapport.progress.Progress} snapshots,
 * and {@link dev.rapport.progress.ProgressFormatter} turns one into a single console line.
 */
package dev.rapport.progress;
