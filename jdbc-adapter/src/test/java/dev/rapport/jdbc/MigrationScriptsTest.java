package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped migration scripts follow the rules that keep them readable and renumberable. */
@DisplayName("The migration scripts")
class MigrationScriptsTest {

    private static final Pattern CREATED = Pattern.compile("CREATE TABLE \\$\\{prefix}(\\w+)");
    private static final Pattern USED = Pattern.compile("(?:REFERENCES|ON|INTO|TABLE) \\$\\{prefix}(\\w+)");

    static List<Arguments> scripts() {
        List<Arguments> out = new ArrayList<>();
        for (Dialect dialect : Dialect.KNOWN) {
            for (SchemaMigrator.Script script : SchemaMigrator.scripts(dialect)) {
                out.add(Arguments.of(dialect.name() + "/" + script.fileName(), script.text()));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    @DisplayName("each index is preceded by a comment naming the query it serves")
    void everyIndexIsExplained(String name, String text) {
        // given
        String[] lines = text.split("\n");
        List<String> unexplained = new ArrayList<>();

        // when
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("CREATE INDEX") && !lines[i].startsWith("CREATE UNIQUE INDEX")) {
                continue;
            }
            boolean serves = false;
            for (int j = i - 1; j >= 0 && lines[j].startsWith("--"); j--) {
                serves |= lines[j].startsWith("-- serves ");
            }
            if (!serves) {
                unexplained.add(lines[i]);
            }
        }

        // then
        assertThat(unexplained).as(name).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    @DisplayName("each script touches only tables that it or an earlier version creates")
    void everyScriptStandsOnEarlierOnes(Dialect dialect) {
        Set<String> created = new HashSet<>();
        for (SchemaMigrator.Script script : SchemaMigrator.scripts(dialect)) {
            // given
            String sql = String.join("\n", SchemaMigrator.statements(script.text()));
            Set<String> used = new HashSet<>();

            // when
            for (Matcher m = CREATED.matcher(sql); m.find(); ) {
                created.add(m.group(1));
            }
            for (Matcher m = USED.matcher(sql); m.find(); ) {
                used.add(m.group(1));
            }

            // then
            assertThat(used).as(dialect.name() + "/" + script.fileName()).isNotEmpty().isSubsetOf(created);
        }
    }

    static List<Dialect> dialects() {
        return Dialect.KNOWN;
    }
}
