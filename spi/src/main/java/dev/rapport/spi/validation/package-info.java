/**
 * The value domain shared by every adapter: text lengths in {@link dev.rapport.spi.validation.Limits}, the Jakarta
 * constraints for codes, plain text, language tags and supported instants, and the checks that apply the same rules
 * without a validator.
 */
package dev.rapport.spi.validation;
