package dev.foldout.pagescan;

import java.nio.file.Path;

/**
 * The first segment of a relation does not exist: the relation was dropped, or rewritten under a new
 * relfilenode (TRUNCATE, VACUUM FULL, CLUSTER, a column type change). Its pages say nothing about what
 * changed: look up its new file ({@code pg_relation_filepath}) and compare the relation in full.
 */
public class MissingRelationFileException extends PageScanException {
    private static final long serialVersionUID = 1L;

    /** The first segment {@code file} is missing. */
    public MissingRelationFileException(Path file, Throwable cause) {
        super(file, "relation file " + file + " does not exist: the relation was dropped or rewritten under a new "
                + "relfilenode; look up its file again with pg_relation_filepath and compare it in full", cause);
    }
}
