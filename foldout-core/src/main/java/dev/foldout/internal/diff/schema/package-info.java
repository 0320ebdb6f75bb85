/**
 * The schema half of the diff: both sides' catalogs are read in one round trip each, matched (by name, and for
 * related databases by OID to find renames), and turned into DDL split like pg_dump's sections — what must run
 * before the row DML and what must run after it. Entry point: {@link dev.foldout.internal.diff.schema.SchemaDiffer}.
 * Carries no compatibility promise.
 */
package dev.foldout.internal.diff.schema;
