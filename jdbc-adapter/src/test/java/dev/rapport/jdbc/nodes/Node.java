package dev.rapport.jdbc.nodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One application node running as an operating-system process, as the harness sees it: the lines it printed on
 * stdout, a way to send it commands on stdin, and the ways to end it ({@link #kill()} is {@code kill -9}). Its
 * stderr (Rapport's logs) goes to a file under {@code target/nodes}, never to the console. Made by {@link Nodes}.
 * Thread-safe.
 */
final class Node {

    private final String name;
    private final String role;
    private final Process process;
    private final Path stdoutFile;
    private final Path stderrFile;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private volatile boolean killed;

    Node(String name, String role, Process process, Path stdoutFile, Path stderrFile) {
        this.name = name;
        this.role = role;
        this.process = process;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
        this.reader = new Thread(this::readStdout, "node-stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The node's name, also its lease owner and the name it writes into the harness tables. */
    String name() {
        return name;
    }

    /** The role it was started in, as {@link NodeMain} knows it. */
    String role() {
        return role;
    }

    /** The operating-system process id. */
    long pid() {
        return process.pid();
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
                Files.writeString(stdoutFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // the process ended or was killed; what it printed so far stays
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /** Every line the node printed so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * Waits until the node printed a line matching the test, and returns it.
     *
     * @throws AssertionError if the node ended first, or no such line came within the timeout; the message carries
     *         the node's last lines and the end of its stderr
     */
    String awaitLine(Predicate<String> test, String description, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (test.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                if (!process.isAlive() && !reader.isAlive()) {
                    throw new AssertionError("node " + name + " ended (exit " + exitCode() + ") before printing "
                            + description + "; " + tail());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("node " + name + " did not print " + description + " within " + timeout
                            + "; " + tail());
                }
                try {
                    lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for node " + name, e);
                }
            }
        }
    }

    /** Waits for a line equal to the given one. */
    String awaitLine(String exact, Duration timeout) {
        return awaitLine(exact::equals, '"' + exact + '"', timeout);
    }

    /**
     * Waits until the node printed {@code <word> <n>} with {@code n} at least the given count, as the recording
     * messenger and publisher do after each message or event they logged.
     */
    String awaitCount(String word, int atLeast, Duration timeout) {
        return awaitLine(line -> {
            if (!line.startsWith(word + " ")) {
                return false;
            }
            try {
                return Integer.parseInt(line.substring(word.length() + 1).trim()) >= atLeast;
            } catch (NumberFormatException e) {
                return false;
            }
        }, "\"" + word + " n\" with n >= " + atLeast, timeout);
    }

    /** Sends one command line to the node's stdin (for example {@code GO} or {@code STOP}). */
    void send(String command) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new AssertionError("could not write to node " + name + ": " + e.getMessage(), e);
        }
    }

    /** Closes the node's stdin, as happens when the test JVM dies: the node halts on its own. */
    void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new AssertionError("could not close the stdin of node " + name + ": " + e.getMessage(), e);
        }
    }

    /** Kills the process with SIGKILL (on Linux), as {@code kill -9} does, and waits until it is gone. */
    void kill() {
        killed = true;
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(20));
    }

    /** Whether the harness killed this node. */
    boolean wasKilled() {
        return killed;
    }

    /**
     * Asks the node to stop gracefully ({@code STOP} on stdin) and waits for it to end.
     *
     * @return its exit code
     */
    int stop(Duration timeout) {
        if (process.isAlive()) {
            send("STOP");
        }
        return awaitExit(timeout);
    }

    /** Waits for the process to end, killing it if it does not within the timeout; returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("node " + name + " did not end within " + timeout + "; killed it; "
                        + tail());
            }
            reader.join(5_000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while waiting for node " + name, e);
        }
    }

    /** Whether the process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process if it still runs; for clean-up after a test, whatever happened in it. */
    void destroy() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String exitCode() {
        return process.isAlive() ? "running" : String.valueOf(process.exitValue());
    }

    /** The last lines of stdout and of stderr, for failure messages. */
    String tail() {
        List<String> out = lines();
        String err;
        try {
            List<String> all = Files.exists(stderrFile) ? Files.readAllLines(stderrFile) : List.of();
            err = String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
        } catch (IOException e) {
            err = "(unreadable: " + e.getMessage() + ")";
        }
        return "last stdout lines " + out.subList(Math.max(0, out.size() - 5), out.size()) + "; stderr ("
                + stderrFile + ") ends with:\n" + err;
    }

    @Override
    public String toString() {
        return "Node[" + name + ", " + role + ", pid " + process.pid() + "]";
    }
}
