/**
 * Message templates with locale fallback: the {@link dev.rapport.template.Templates} service over a
 * {@link dev.rapport.spi.template.TemplateStore}, and the in-memory store that is Rapport's default.
 */
package dev.rapport.template;
