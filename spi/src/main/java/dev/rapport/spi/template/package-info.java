/** Message templates by key and locale, and the port that keeps them. */
package dev.rapport.spi.template;
