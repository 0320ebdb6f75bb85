package dev.foldout.pagescan;

import java.nio.file.Path;

/**
 * A relation file holds something no PostgreSQL server writes: a size that is not a whole number of
 * blocks, a page header whose {@code pd_lower}/{@code pd_upper}/{@code pd_special} are impossible, another
 * page size or layout version, a line pointer outside its page. The scan stops rather than answer wrong.
 * The message names the file, the block (within the file and within the relation), the field and its value.
 */
public class PageFormatException extends PageScanException {
    private static final long serialVersionUID = 1L;

    private final long block;
    private final String field;
    private final String value;

    /**
     * A corrupt field.
     *
     * @param file the segment file
     * @param block the block number within the relation, or -1 for the file as a whole
     * @param field the field, by its PostgreSQL name ({@code pd_lower}, ...) or {@code "file size"}
     * @param value the value found
     * @param message the full message
     */
    public PageFormatException(Path file, long block, String field, String value, String message) {
        super(file, message);
        this.block = block;
        this.field = field;
        this.value = value;
    }

    /** The block number within the relation, or -1 when the file as a whole is at fault. */
    public long block() {
        return block;
    }

    /** The field at fault, by its PostgreSQL name. */
    public String field() {
        return field;
    }

    /** The value found in the field. */
    public String value() {
        return value;
    }
}
