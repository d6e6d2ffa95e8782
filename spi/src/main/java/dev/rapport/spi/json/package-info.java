/**
 * Support for writing JSON: {@link dev.rapport.spi.json.JsonWriter}, the one writer Rapport's exports, reports and
 * adapters share, with RFC 8259 escaping that any Java string survives. Depends on nothing but the JDK.
 */
package dev.rapport.spi.json;
