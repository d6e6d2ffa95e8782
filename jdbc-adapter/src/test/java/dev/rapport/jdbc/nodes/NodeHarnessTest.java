package dev.rapport.jdbc.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/** The harness itself: node processes start, report, stop, die by SIGKILL, and never outlive their test. */
@DisplayName("The node-process harness")
class NodeHarnessTest {

    private static final Duration EXIT = Duration.ofSeconds(30);

    private Nodes nodes;

    @BeforeEach
    void harness(TestInfo test) {
        nodes = Nodes.onEmbeddedPostgres("NodeHarnessTest/" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void killNodes() {
        nodes.close();
    }

    @Test
    @Timeout(120)
    @DisplayName("a node started, told to go and asked to stop reports each step and ends with exit code 0")
    void startsAndStops() {
        // given a relaying node that is ready
        Node node = nodes.start("relay-1", "relay", Map.of());
        nodes.awaitReady(node);

        // when it is told to go and then to stop
        nodes.go(node);
        node.awaitLine("STARTED", EXIT);
        int exit = node.stop(EXIT);

        // then it stopped cleanly and said so
        assertThat(exit).isZero();
        assertThat(node.lines()).containsSubsequence("READY", "STARTED", "STOPPED", "DONE");
    }

    @Test
    @Timeout(120)
    @DisplayName("a node killed by the harness is gone at once, with the exit code of SIGKILL")
    void killIsSigkill() {
        // given a working node
        Node node = nodes.start("relay-1", "relay", Map.of());
        nodes.awaitReady(node);
        nodes.go(node);
        node.awaitLine("STARTED", EXIT);

        // when the harness kills it
        node.kill();

        // then the process is gone, killed by signal 9 (128 + 9), without having stopped
        assertThat(node.isAlive()).isFalse();
        assertThat(node.awaitExit(EXIT)).isEqualTo(137);
        assertThat(node.lines()).doesNotContain("STOPPED");
    }

    @Test
    @Timeout(120)
    @DisplayName("a node whose stdin closes, as when the test JVM dies, halts on its own")
    void haltsWithoutItsHarness() {
        // given a node that is ready
        Node node = nodes.start("relay-1", "relay", Map.of());
        nodes.awaitReady(node);

        // when its stdin closes
        node.closeStdin();

        // then it halts with exit code 3
        assertThat(node.awaitExit(EXIT)).isEqualTo(3);
    }

    @Test
    @Timeout(120)
    @DisplayName("a node given an unknown role ends at once, and waiting on it fails with what it wrote to stderr")
    void unknownRole() {
        // given a node started in a role NodeMain does not know
        Node node = nodes.start("odd-1", "juggle", Map.of());

        // when the harness waits for it, then the wait fails naming the exit code and the node's complaint
        assertThatThrownBy(() -> nodes.awaitReady(node)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("exit 2").hasMessageContaining("unknown role juggle");
    }
}
