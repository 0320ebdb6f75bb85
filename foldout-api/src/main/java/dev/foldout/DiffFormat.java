package dev.foldout;

/** How a diff is written. */
public enum DiffFormat {
    /** SQL: a header, then one statement per line, in one transaction ({@code foldout apply} reads it back). */
    SQL,
    /** The same content as one JSON document. */
    JSON
}
