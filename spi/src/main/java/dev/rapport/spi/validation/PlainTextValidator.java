package dev.rapport.spi.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText}. Stateless and thread-safe. */
public final class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

    private boolean multiline;

    @Override
    public void initialize(PlainText annotation) {
        multiline = annotation.multiline();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || isPlainText(value, multiline);
    }

    /**
     * Whether the text is free of control characters and unpaired surrogates.
     *
     * @param value the text
     * @param multiline whether tab, line feed and carriage return are allowed
     * @return true if the text holds no control character (beyond those {@code multiline} allows) and no unpaired
     *        surrogate, false otherwise
     */
    public static boolean isPlainText(CharSequence value, boolean multiline) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            } else if (Character.isISOControl(c)) {
                boolean allowedWhitespace = c == '\t' || c == '\n' || c == '\r';
                if (!(multiline && allowedWhitespace)) {
                    return false;
                }
            }
        }
        return true;
    }
}
