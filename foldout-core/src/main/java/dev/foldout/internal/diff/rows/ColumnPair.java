package dev.foldout.internal.diff.rows;

/**
 * A column compared and written: as the desired side has it, and its name on the current side.
 *
 * @param to       the column on the desired side (the branch, or LEFT)
 * @param fromName its name on the current side; null for a column the desired side added
 */
public record ColumnPair(Column to, String fromName) {
}
