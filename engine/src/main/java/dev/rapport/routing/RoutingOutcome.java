package dev.rapport.routing;

/** What a routing decision did with a piece of work. */
public enum RoutingOutcome {
    /** The case was given to an agent and stored with the agent's new load. */
    ASSIGNED,
    /** The case was offered to an agent, who must accept or decline before the offer times out. */
    OFFERED,
    /** No agent can take it now; it waits in the backlog. */
    WAITING,
    /** Another router or the host assigned, resolved or closed the case meanwhile; this router dropped it. */
    DROPPED,
    /** Only a preview: the agent who would get the work now; nothing was reserved or stored. */
    PREVIEW
}
