package dev.foldout.internal.diff.rows;

/**
 * A column compared and written: as the desired side has it, and its name on the current side.
 *
 * @param to       the column on the desired side (the branch, or LEFT)
 * @param fromName its name on the current side; null for a column the desired side added
 * @param carried  for an added column, the text the current side's rows hold once the diff's ADD COLUMN gave them
 *                 its fast default; null when they hold NULL
 */
public record ColumnPair(Column to, String fromName, String carried) {
    /** A column whose current side reads as itself, or as NULL when it has none. */
    public ColumnPair(Column to, String fromName) {
        this(to, fromName, null);
    }
}
