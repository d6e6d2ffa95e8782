package dev.rapport.cases;

import dev.rapport.cases.CaseChanges.Change;
import dev.rapport.field.FieldChecks;
import dev.rapport.field.FieldSchema;
import dev.rapport.field.FieldScope;
import dev.rapport.internal.CommandValidator;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import java.util.List;
import java.util.Set;

/** The writes of a case's tags and custom fields, for {@link CaseService}; see its methods for what they promise. */
final class CaseLabels {

    private final CaseChanges changes;
    private final CommandValidator validator;
    private final FieldSchema customFields;

    CaseLabels(CaseChanges changes, CommandValidator validator, FieldSchema customFields) {
        this.changes = changes;
        this.validator = validator;
        this.customFields = customFields;
    }

    /** Adds ({@code add}) or removes the command's tags; see {@link CaseService#addTags}. */
    Case retag(CaseTags command, boolean add) {
        validator.check(command);
        return changes.change(command.caseId(), command.actor(), (current, now) -> {
            Set<String> tags = new java.util.TreeSet<>(current.tags());
            if (add) {
                tags.addAll(command.tags());
                FieldChecks.checkTagCount(CaseTags.class.getSimpleName(), tags);
            } else {
                tags.removeAll(command.tags());
            }
            return new Change(current.tags().equals(tags) ? current
                    : current.toBuilder().tags(tags).updatedAt(now).build(), List.of());
        });
    }

    /** Sets and clears custom field values; see {@link CaseService#setFields}. */
    Case setFields(SetCaseFields command) {
        validator.check(command);
        List<ValidationException.Violation> bad = FieldChecks.violations(customFields, FieldScope.CASE,
                command.values(), command.clear());
        if (!bad.isEmpty()) {
            throw new ValidationException(SetCaseFields.class.getSimpleName(), bad);
        }
        return changes.change(command.caseId(), command.actor(), (current, now) -> {
            java.util.Map<String, dev.rapport.spi.field.FieldValue> fields = new java.util.TreeMap<>(current.fields());
            command.clear().forEach(fields::remove);
            fields.putAll(command.values());
            return new Change(current.fields().equals(fields) ? current
                    : current.toBuilder().fields(fields).updatedAt(now).build(), List.of());
        });
    }
}
