/**
 * Tags and custom fields on cases and customers: the schema of typed fields a host declares
 * ({@link dev.rapport.field.FieldSchema}), the normal form of tags ({@link dev.rapport.field.Tags}), and the checks of
 * field values against the schema ({@link dev.rapport.field.FieldChecks}).
 */
package dev.rapport.field;
