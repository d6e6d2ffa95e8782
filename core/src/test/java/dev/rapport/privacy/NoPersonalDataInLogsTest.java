package dev.rapport.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link LoggedScenario} in a JVM of its own and reads everything it writes. SLF4J's simple binding reads its
 * configuration once, when the first logger is made, and the test JVM has long made its loggers at the default
 * level (info) by the time this test runs; a fresh JVM started with
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=trace} logs every statement, debug and trace included, to
 * standard error, which the test reads together with standard output. Hibernate Validator's own log lines (through
 * SLF4J, see DefaultValidation) land there too. What was read is kept in {@code target/logged-scenario-output.txt}.
 */
@DisplayName("No personal data in logs or exception messages")
class NoPersonalDataInLogsTest {

    private static String output;
    private static int exitCode;

    @BeforeAll
    static void runScenarioInItsOwnJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        Process process = new ProcessBuilder(java, "-cp", classPath,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                "-Dorg.slf4j.simpleLogger.logFile=System.err",
                "-Dfile.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                LoggedScenario.class.getName())
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> copy(process.getInputStream(), bytes), "scenario-output");
        drain.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the scenario did not finish within two minutes");
        }
        drain.join(TimeUnit.SECONDS.toMillis(30));
        exitCode = process.exitValue();
        output = bytes.toString(StandardCharsets.UTF_8);
        // kept for whoever wants to read what was checked; nothing is printed
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "logged-scenario-output.txt"), output, StandardCharsets.UTF_8);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("the scenario ran to its end, with every level of logging captured and the expected refusals")
    void captureWorked() {
        assertThat(exitCode).as(output).isZero();
        assertThat(output).contains(LoggedScenario.DONE)
                .doesNotContain("unexpectedly accepted")
                .contains("DEBUG dev.rapport.customer.CustomerService - Registered customer")
                .contains("DEBUG dev.rapport.followup.FollowUpScheduler - Scheduled follow-up")
                .contains("WARN dev.rapport.internal.UnitOfWork - Gave up publishing event")
                .contains("WARN dev.rapport.followup.FollowUpDispatcher - Follow-up")
                .contains("INFO dev.rapport.privacy.PrivacyService - Erased customer")
                .contains(LoggedScenario.CAUGHT + "dev.rapport.spi.ValidationException")
                .contains(LoggedScenario.CAUGHT + "dev.rapport.spi.customer.ContactIdentityConflictException")
                .contains(LoggedScenario.CAUGHT + "dev.rapport.spi.IllegalTransitionException")
                .contains(LoggedScenario.CAUGHT + "dev.rapport.spi.customer.CustomerNotFoundException");
        assertThat(output.lines().filter(l -> l.startsWith(LoggedScenario.CAUGHT)).count()).isGreaterThan(20);
    }

    @Test
    @DisplayName("no name, email (in any case) or phone number (in any formatting) appears anywhere in the output")
    void nothingPersonal() {
        for (LoggedScenario.Person person : LoggedScenario.PEOPLE) {
            PersonalDataProbe probe = person.probe();
            List<String> leaking = output.lines().filter(probe::isIn).toList();
            assertThat(leaking).as("lines naming %s", person.name()).isEmpty();
        }
    }

    @Test
    @DisplayName("the probe would see the data if it were there")
    void probeBites() {
        for (LoggedScenario.Person person : LoggedScenario.PEOPLE) {
            PersonalDataProbe probe = person.probe();
            assertThat(probe.findIn("x " + person.name().toUpperCase() + " y")).containsExactly("name");
            assertThat(probe.findIn(person.email().toUpperCase())).containsExactly("email");
            assertThat(probe.findIn("tel " + person.phone().replace(" ", "."))).containsExactly("phone");
        }
    }
}
