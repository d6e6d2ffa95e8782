package dev.rapport.jdbc.nodes;

/**
 * What a node process does, chosen by name in {@link NodeMain#ROLES}. An implementation builds what it needs, calls
 * {@link NodeContext#ready()}, waits with {@link NodeContext#awaitGo()}, does its work and reports it (stdout lines
 * through {@link NodeContext#out(String)}, rows in the harness tables), and returns when it is done or asked to
 * stop ({@link NodeContext#awaitStop()}).
 */
interface NodeRole {

    /** Plays the role; an exception ends the node with exit code 2. */
    void run(NodeContext context) throws Exception;
}
