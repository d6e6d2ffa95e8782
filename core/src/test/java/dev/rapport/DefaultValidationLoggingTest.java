package dev.rapport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.internal.DefaultValidation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hibernate Validator's logging reaches SLF4J. jboss-logging chooses its backend once per class loader, and the test
 * JVM chose long ago (the build names SLF4J for every test), so each case runs {@link ValidatorLoggingMain} in a JVM
 * of its own, without the build's settings, and reads what it wrote.
 */
@DisplayName("Default validation logging")
class DefaultValidationLoggingTest {

    /** How java.util.logging's default format starts the banner's first line: source class and method. */
    private static final String JUL_HEADER = "org.hibernate.validator.internal.util.Version <clinit>";

    @Test
    @DisplayName("Hibernate Validator's banner goes through SLF4J, not java.util.logging, when the host chose nothing")
    void bannerThroughSlf4j() throws Exception {
        // given a JVM where org.jboss.logging.provider is unset

        // when the default validator is built
        String output = run();

        // then the banner is an SLF4J line and the property names slf4j
        assertThat(output)
                .contains("INFO org.hibernate.validator.internal.util.Version - HV000001: Hibernate Validator")
                .contains(ValidatorLoggingMain.PROVIDER + "slf4j true")
                .doesNotContain(JUL_HEADER);
    }

    @Test
    @DisplayName("a backend the host chose with org.jboss.logging.provider is kept")
    void hostChoiceWins() throws Exception {
        // given a host that chose java.util.logging for jboss-logging
        String choice = "-D" + DefaultValidation.LOGGING_PROVIDER + "=jdk";

        // when the default validator is built
        String output = run(choice);

        // then the choice stands, and the banner goes where it says
        assertThat(output)
                .contains(ValidatorLoggingMain.PROVIDER + "jdk true")
                .contains(JUL_HEADER);
    }

    private static String run(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(List.of(options));
        command.add(ValidatorLoggingMain.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] bytes = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the validator's JVM did not end within a minute");
        }
        String output = new String(bytes, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
