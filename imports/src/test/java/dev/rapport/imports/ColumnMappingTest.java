package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.imports.ColumnMapping.Field;
import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ColumnMapping")
class ColumnMappingTest {

    private static ColumnMapping.Builder minimal() {
        return ColumnMapping.builder().ticketId("id").subject("subject").customerEmail("email")
                .createdAt("created", TimeFormat.ISO).defaultChannel(Channel.EMAIL);
    }

    @Test
    @DisplayName("names every required column that is missing and every bad option")
    void requiredColumns() {
        assertThatThrownBy(() -> ColumnMapping.builder().subject(" ").externalIdPrefix("x".repeat(51))
                .csatScale(new Scale(5, 1, ScaleDirection.HIGHER_IS_BETTER)).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactlyInAnyOrder(
                                new Violation("subject", "NotBlank", "the column name must not be blank"),
                                new Violation("ticketId", "Required", "must name a column"),
                                new Violation("createdAt", "Required", "must name a column"),
                                new Violation("customerEmail", "EmailOrPhone", "customerEmail or customerPhone must "
                                        + "name a column, to know who each ticket is from"),
                                new Violation("channel", "ColumnOrDefault",
                                        "must name a column, or a default channel must be set"),
                                new Violation("csatScale", "Ordered", "min must be less than max"),
                                new Violation("externalIdPrefix", "PlainText",
                                        "must be at most 50 characters without control characters")));
    }

    @Test
    @DisplayName("refuses a first reply both as a time and in minutes")
    void oneFirstReply() {
        assertThatThrownBy(() -> minimal().firstReplyAt("a", TimeFormat.ISO).firstReplyMinutes("b").build())
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("firstReplyMinutes"));
    }

    @Test
    @DisplayName("has documented defaults")
    void defaults() {
        // when
        ColumnMapping mapping = minimal().build();

        // then
        assertThat(mapping.externalIdPrefix()).isEqualTo("ticket:");
        assertThat(mapping.csatScale()).isEqualTo(Scale.CSAT_1_TO_5);
        assertThat(mapping.timeZone()).hasToString("UTC");
        assertThat(mapping.defaultChannel()).contains(Channel.EMAIL);
        assertThat(mapping.column(Field.TICKET_ID)).contains("id");
        assertThat(mapping.column(Field.AGENT)).isEmpty();
        assertThat(mapping.timeFormat(Field.CREATED_AT)).contains(TimeFormat.ISO);
    }

    @Test
    @DisplayName("reads channel, priority and status values by declaration first, else by code or name")
    void values() {
        // given
        ColumnMapping mapping = minimal().channelValue(" Portal ", Channel.WEB_FORM)
                .priorityValue("Medium", Priority.NORMAL).statusValue("Solved", CaseStatus.RESOLVED).build();

        // then
        assertThat(mapping.channel("portal")).contains(Channel.WEB_FORM);
        assertThat(mapping.channel("Web form")).contains(Channel.WEB_FORM);
        assertThat(mapping.channel("SELF-SERVICE")).contains(Channel.SELF_SERVICE);
        assertThat(mapping.channel("fax")).isEmpty();
        assertThat(mapping.priority("MEDIUM")).contains(Priority.NORMAL);
        assertThat(mapping.priority("urgent")).contains(Priority.URGENT);
        assertThat(mapping.priority("critical")).isEmpty();
        assertThat(mapping.status("solved")).contains(CaseStatus.RESOLVED);
        assertThat(mapping.status("On hold")).contains(CaseStatus.ON_HOLD);
        assertThat(mapping.status("pending-customer")).contains(CaseStatus.PENDING_CUSTOMER);
    }

    @Test
    @DisplayName("turns categories into codes unless one is declared")
    void categories() {
        // given
        ColumnMapping mapping = minimal().categoryValue("Returns (EU)", "returns.eu").build();

        // then
        assertThat(mapping.category("  Billing & Payments ")).isEqualTo("billing_payments");
        assertThat(mapping.category("Livraison / Zustellung")).isEqualTo("livraison_zustellung");
        assertThat(mapping.category("returns (eu)")).isEqualTo("returns.eu");
    }

    @Test
    @DisplayName("reads CSAT answers as declared values or whole numbers, and knows the values that mean none")
    void csat() {
        // given
        ColumnMapping mapping = minimal().csatValue("Good", 5).csatIgnored("Offered").build();

        // then
        assertThat(mapping.csat(" good ")).contains(5);
        assertThat(mapping.csat("3")).contains(3);
        assertThat(mapping.csat("3.5")).isEmpty();
        assertThat(mapping.csatIgnored("OFFERED")).isTrue();
        assertThat(mapping.csatIgnored(" ")).isTrue();
        assertThat(mapping.csatIgnored("Good")).isFalse();
    }
}
