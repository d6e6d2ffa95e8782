/** Custom fields and tags: the values a host declares on cases and customers, and the domain storage keeps exactly. */
package dev.rapport.spi.field;
