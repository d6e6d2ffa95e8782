/**
 * Observing the engine: {@link dev.rapport.observe.RapportObserver}, the listener that metrics (such as
 * {@code rapport-micrometer}) and monitoring hook into, with no dependency of core on a metrics library.
 */
package dev.rapport.observe;
