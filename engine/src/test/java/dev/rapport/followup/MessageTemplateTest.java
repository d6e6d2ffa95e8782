package dev.rapport.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.messaging.OutboundMessage;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A message template")
class MessageTemplateTest {

    @Test
    @DisplayName("replaces named placeholders with their values")
    void rendersPlaceholders() {
        // given
        MessageTemplate template = MessageTemplate.parse("Hello {customerName}, how did {agentName} do on \"{caseSubject}\"?");

        // when
        String text = template.render(Map.of("customerName", "Zoë", "agentName", "Sam", "caseSubject", "Late parcel"));

        // then
        assertThat(text).isEqualTo("Hello Zoë, how did Sam do on \"Late parcel\"?");
        assertThat(template.placeholders()).containsExactly("customerName", "agentName", "caseSubject");
    }

    @Test
    @DisplayName("fails on a missing value with an error naming the placeholder but no value")
    void missingValueIsAnError() {
        // given
        MessageTemplate template = MessageTemplate.parse("Hello {customerName}, your voucher is {voucherCode}");

        // when / then
        assertThatThrownBy(() -> template.render(Map.of("customerName", "Ada Lovelace")))
                .isInstanceOfSatisfying(MissingTemplateValueException.class,
                        e -> assertThat(e.placeholder()).isEqualTo("voucherCode"))
                .hasMessageContaining("{voucherCode}")
                .hasMessageNotContaining("Ada");
    }

    @Test
    @DisplayName("renders an empty value as empty, since it was given")
    void emptyValueIsKept() {
        assertThat(MessageTemplate.render("[{note}]", Map.of("note", ""))).isEqualTo("[]");
    }

    @Test
    @DisplayName("writes doubled braces as literal braces and does not read values as templates")
    void escapesAndValuesAreLiteral() {
        // given
        String template = "{{literal}} {name} }}";

        // when
        String text = MessageTemplate.render(template, Map.of("name", "{customerName}"));

        // then
        assertThat(text).isEqualTo("{literal} {customerName} }");
    }

    @Test
    @DisplayName("renders the values an outbound message carries")
    void rendersMessage() {
        // given
        OutboundMessage message = new OutboundMessage("k:1", new CustomerId(UUID.randomUUID()), "survey",
                Channel.EMAIL, "ada@example.com", Locale.ENGLISH, Map.of(MessageValues.CUSTOMER_NAME, "Ada"));

        // when
        String text = MessageTemplate.parse("Dear {customerName}").render(message);

        // then
        assertThat(text).isEqualTo("Dear Ada");
    }

    @Test
    @DisplayName("refuses an unclosed placeholder, saying where")
    void refusesUnclosed() {
        assertThatThrownBy(() -> MessageTemplate.parse("Hello {customerName"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("unclosed placeholder at index 6");
    }

    @Test
    @DisplayName("refuses an empty or malformed placeholder and a lone closing brace")
    void refusesMalformed() {
        assertThatThrownBy(() -> MessageTemplate.parse("Hello {}")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("index 6");
        assertThatThrownBy(() -> MessageTemplate.parse("Hello {customer name}"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> MessageTemplate.parse("Hello } there")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("closing brace");
    }
}
