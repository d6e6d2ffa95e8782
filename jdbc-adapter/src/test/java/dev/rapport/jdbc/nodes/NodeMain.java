package dev.rapport.jdbc.nodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The main class of a node process started by {@link Nodes}: one application node, with its own JVM and its own
 * connections, on the database the test JVM started.
 *
 * <p>Arguments: JDBC URL, user, node name, role, then the role's settings as {@code key=value} (always
 * {@code prefix=<table prefix>}; {@code maxSeconds}, default 180, ends the node whatever happens). The role builds
 * what it needs, prints {@code READY}, waits for {@code GO} on stdin, works, and reports on stdout with one line per
 * step ({@code SENT n}, {@code PUBLISHED n}, ...) and in the harness tables. {@code STOP} on stdin asks for a
 * graceful stop; when stdin closes (the test JVM is gone) the node halts at once. Exit codes: 0 done, 2 the role
 * failed (stack trace on stderr, {@code FAILED} on stdout), 3 stdin closed, 4 the lifetime ran out.
 *
 * <p>Roles are small classes named in {@link #ROLES}; a new scenario adds one.
 */
public final class NodeMain {

    /** The roles a node can play, by the name the harness passes. */
    static final Map<String, Supplier<NodeRole>> ROLES = Map.of(
            "dispatch", DispatchNode::new,
            "relay", RelayNode::new,
            "produce", ProduceNode::new,
            "route", RouteNode::new,
            "automate", AutomateNode::new);

    private NodeMain() {
    }

    /**
     * Runs one node.
     *
     * @param args JDBC URL, user, node name, role, then {@code key=value} settings
     */
    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: NodeMain <jdbc-url> <user> <node-name> <role> [key=value...]");
            System.exit(2);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                System.err.println("not a key=value setting: " + args[i]);
                System.exit(2);
            }
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Supplier<NodeRole> role = ROLES.get(args[3]);
        if (role == null) {
            System.err.println("unknown role " + args[3] + "; known: " + ROLES.keySet());
            System.exit(2);
        }
        NodeContext context = new NodeContext(args[0], args[1], args[2], new Settings(settings));
        watchStdin(context);
        watchLifetime(context.settings().seconds("maxSeconds", 180));
        try {
            role.get().run(context);
            context.out("DONE");
            System.out.flush();
            Runtime.getRuntime().halt(0);
        } catch (Throwable t) {
            t.printStackTrace();
            context.out("FAILED " + t);
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(2);
        }
    }

    /** Reads commands from stdin: {@code GO}, {@code STOP}; halts when stdin closes. */
    private static void watchStdin(NodeContext context) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    context.command(line.trim());
                }
            } catch (IOException e) {
                // treated as closed
            }
            System.err.println("stdin closed: the test JVM is gone; halting");
            Runtime.getRuntime().halt(3);
        }, "node-stdin");
        thread.setDaemon(true);
        thread.start();
    }

    private static void watchLifetime(java.time.Duration lifetime) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(lifetime.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("lifetime of " + lifetime + " ran out; halting");
            System.out.println("EXPIRED");
            System.out.flush();
            Runtime.getRuntime().halt(4);
        }, "node-lifetime");
        thread.setDaemon(true);
        thread.start();
    }
}
