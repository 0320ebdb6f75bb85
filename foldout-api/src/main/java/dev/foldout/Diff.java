package dev.foldout;

/** The changes of a branch against its parent, as SQL that makes the parent look like the branch. */
public interface Diff {

    /** The diff as SQL, one statement per line, with a header. */
    String toSql();

    /** Applies the diff to the parent in one transaction, all or nothing. */
    void apply();
}
