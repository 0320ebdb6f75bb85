/** SQL helpers: identifier quoting and error translation. No compatibility promise. */
package dev.foldout.internal.sql;
