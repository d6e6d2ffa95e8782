/**
 * Baselines kept for the routing benchmarks: {@code PerNodeRouter} is the router as it was when each node kept its
 * own view of agents' capacity, the contender the shared-storage router must beat. Not part of Rapport's API.
 */
package dev.rapport.routing;
