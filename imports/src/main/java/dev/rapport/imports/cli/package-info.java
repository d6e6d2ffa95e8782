/**
 * The import's command line for operators, {@link dev.rapport.imports.cli.ImportCommand}: imports a helpdesk export
 * into a database given by its JDBC URL, with a preset or a mapping file, writes the report, and writes the KPI
 * dashboard of a period. It is the main class of the {@code rapport-imports-<version>-cli.jar}; see docs/imports.md.
 */
package dev.rapport.imports.cli;
