package dev.foldout.internal.diff.rows;

/**
 * A column of a table as its side's catalog has it.
 *
 * @param name      the raw name
 * @param type      the type as {@code format_type} writes it, schema-qualified outside {@code pg_catalog}
 * @param generated a generated column (stored or virtual): never written, never compared
 * @param identityAlways an identity column {@code GENERATED ALWAYS}: inserts need {@code OVERRIDING SYSTEM VALUE}
 */
public record Column(String name, String type, boolean generated, boolean identityAlways) {
}
