package dev.foldout.internal.diff.rows;

/** Which database of a diff: the current state the SQL changes, or the desired state it reproduces. */
public enum Side {
    /** The parent, or RIGHT: the SQL is applied to it. */
    FROM,
    /** The branch, or LEFT: the SQL makes the other side look like it. */
    TO
}
