package dev.foldout.internal.diff.rows;

/**
 * A relation that holds rows: an ordinary table, or a leaf partition of a partitioned one.
 *
 * @param oid          its OID
 * @param schema       its schema
 * @param name         its name
 * @param relfilenode  its file node: another one than at the branch means it was rewritten
 * @param unlogged     no WAL, page LSNs meaningless: compared in full
 * @param filePath     {@code pg_relation_filepath}, relative to the data directory
 * @param blocks       its size in blocks
 */
public record Leaf(long oid, String schema, String name, long relfilenode, boolean unlogged, String filePath, long blocks) {
}
