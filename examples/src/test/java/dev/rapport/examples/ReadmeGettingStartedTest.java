package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.event.CaseAssigned;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.messaging.CustomerMessenger;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the Java snippet of README.md's "Getting started" as it stands, inside a small class that supplies the
 * three names it leaves to the reader ({@code dataSource}, {@code myGateways}, {@code myBroker}), runs it on an
 * in-process H2 and checks what its comments promise, so that the README cannot drift from the library.
 */
@DisplayName("README's Getting-started snippet")
class ReadmeGettingStartedTest {

    private static final Pattern SNIPPET =
            Pattern.compile("## Getting started.*?```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    @DisplayName("compiles with its own imports, routes the case to the agent, frees the capacity and publishes")
    void snippetCompilesRunsAndDoesWhatItSays(@TempDir Path classes) throws Exception {
        // given the snippet, wrapped in a class, compiled against the tests' classpath
        String snippet = snippetFromReadme();
        Class<?> wrapper = compile(wrap(snippet), classes);
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:readme-getting-started;DB_CLOSE_DELAY=-1");
        List<Object> sent = new CopyOnWriteArrayList<>();
        CustomerMessenger myGateways = message -> {
            sent.add(message);
            throw new IllegalStateException("the snippet sends no message");
        };
        List<DomainEvent> published = new CopyOnWriteArrayList<>();
        EventPublisher myBroker = published::add;

        // when it runs
        Method run = wrapper.getMethod("run", DataSource.class, CustomerMessenger.class, EventPublisher.class);
        JdbcStorage storage = (JdbcStorage) run.invoke(null, dataSource, myGateways, myBroker);

        // then the case was routed to Sam as it opened, and resolved; Sam holds no capacity any more
        Agent sam = storage.agents().list(PageRequest.first(10)).items().get(0);
        assertThat(sam.name()).isEqualTo("Sam");
        CaseAssigned assigned = published.stream().filter(CaseAssigned.class::isInstance)
                .map(CaseAssigned.class::cast).findFirst().orElseThrow(() -> new AssertionError(
                        "no case.assigned among the published events " + published));
        assertThat(assigned.assignee()).isEqualTo(sam.id());
        Case parcel = storage.cases().findById(assigned.caseId()).orElseThrow();
        assertThat(parcel.subject()).isEqualTo("Parcel not delivered");
        assertThat(parcel.status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(sam.load().getOrDefault(Channel.EMAIL, 0)).isZero();
        // and what happened was published by the time close() returned
        assertThat(published).filteredOn(CaseAssigned.class::isInstance).hasSize(1);
        assertThat(published).extracting(DomainEvent::type)
                .contains("customer.registered", "case.opened", "case.assigned", "case.status_changed");
        assertThat(sent).isEmpty();
        // and the snippet stays short enough to read at a glance
        assertThat(snippet.lines().filter(line -> !line.isBlank() && !line.startsWith("import "))).hasSizeLessThan(17);
    }

    private static String snippetFromReadme() throws IOException {
        Path readme = Path.of(System.getProperty("basedir", ".")).resolve("../README.md");
        Matcher matcher = SNIPPET.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        assertThat(matcher.find()).as("a ```java block under \"## Getting started\" in README.md").isTrue();
        return matcher.group(1);
    }

    /** Imports first, then the statements as the body of {@code run}, which returns the snippet's storage. */
    private static String wrap(String snippet) {
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        snippet.lines().forEach(line -> (line.startsWith("import ") ? imports : body).add(line));
        return String.join("\n", imports) + "\n\n"
                + "public final class GettingStarted {\n"
                + "    public static JdbcStorage run(javax.sql.DataSource dataSource,\n"
                + "            dev.rapport.spi.messaging.CustomerMessenger myGateways,\n"
                + "            dev.rapport.spi.event.EventPublisher myBroker) {\n"
                + String.join("\n", body) + "\n"
                + "        return storage;\n"
                + "    }\n"
                + "}\n";
    }

    private static Class<?> compile(String source, Path classes) throws Exception {
        Path file = classes.resolve("GettingStarted.java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file.toFile());
            // surefire runs the tests from a manifest-only jar, and names the real classpath in this property
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            boolean compiled = compiler.getTask(diagnostics, files, null,
                    List.of("-classpath", classpath, "-d", classes.toString(), "-Xlint:all", "-Werror"), null, units)
                    .call();
            assertThat(compiled).as("the README snippet compiles:%n%s%n%s", diagnostics, source).isTrue();
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeGettingStartedTest.class.getClassLoader());
        return loader.loadClass("GettingStarted");
    }
}
