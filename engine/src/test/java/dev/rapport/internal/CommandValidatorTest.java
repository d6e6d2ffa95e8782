package dev.rapport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.ValidationException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CommandValidator")
class CommandValidatorTest {

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();

    record Command(List<@NotBlank String> lines, Map<String, @Size(max = 3) String> values) {
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    @DisplayName("names list positions but never a map key, which may hold personal data")
    void masksMapKeys() {
        // given
        CommandValidator validator = new CommandValidator(FACTORY.getValidator());
        Command command = new Command(List.of("ok", " "), Map.of("ann.lee@example.com", "too long"));

        // when
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> validator.check(command));

        // then
        assertThat(e.fields()).containsExactly("lines[1]", "values[*]");
        assertThat(e.getMessage()).doesNotContain("ann.lee");
    }
}
