package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every example ends when its work is done: each main runs in a test of its own, and {@link LeavesNoThreadsBehind}
 * fails any test class after which a thread it started is still running.
 */
@DisplayName("Every example ends")
class ExamplesEndTest {

    @Test
    @DisplayName("every example's main runs in a test of its own, so the thread check covers it")
    void everyMainHasItsTest() throws Exception {
        // given the compiled examples
        List<String> mains = mains();

        // when each main's test is looked for
        List<String> untested = mains.stream().filter(main -> !exists(main + "Test")).toList();

        // then there is one for every main, the README's five among them
        assertThat(mains).contains("QuickstartMain", "ShopIntegrationMain", "DashboardMain", "TicketImportMain",
                "CustomStorageAdapterMain");
        assertThat(untested).isEmpty();
    }

    @Test
    @DisplayName("the check sees a Rapport that was never closed, and nothing once it is closed")
    void checkSeesAnOpenRapport() throws Exception {
        // given a Rapport on an example database, built, started and not yet closed
        Set<Thread> before = LeavesNoThreadsBehind.alive();
        Rapport rapport = Rapport.builder().storage(ExampleDatabase.open("ends-check")).build().start();

        // when the threads are checked before and after closing it
        List<String> whileOpen = LeavesNoThreadsBehind.left(before, Duration.ZERO);
        rapport.close();
        List<String> afterClose = LeavesNoThreadsBehind.left(before, LeavesNoThreadsBehind.GRACE);

        // then its relay is seen while it is open, and nothing is left once it is closed
        assertThat(whileOpen).anySatisfy(name -> assertThat(name).startsWith("rapport-outbox-relay-"));
        assertThat(afterClose).isEmpty();
    }

    /** The simple names of the compiled classes ending in Main, in this package. */
    private static List<String> mains() throws IOException, URISyntaxException {
        Path classes = Path.of(QuickstartMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.list(classes.resolve(QuickstartMain.class.getPackageName().replace('.', '/')))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("[A-Za-z]+Main\\.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
    }

    private static boolean exists(String simpleName) {
        try {
            Class.forName(ExamplesEndTest.class.getPackageName() + "." + simpleName);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
