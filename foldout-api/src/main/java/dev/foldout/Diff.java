package dev.foldout;

import java.util.List;

/**
 * What changed between two databases, as SQL that makes one (the parent, or RIGHT) look like the other (the
 * branch, or LEFT): the schema changes as DDL, then the row changes. Computed when made; holds the changed rows
 * (never a whole table) unless made with {@link DiffOptions#keepRows()} off.
 *
 * <p>A diff that holds no rows - made with {@code keepRows} off, or streamed: written to an {@code Appendable} as it
 * was made ({@code Branch.diff(options, out, format)}, {@code Foldout.diff(left, right, options, out, format)}) - still
 * answers everything but its rows: names, {@link #mode()}, {@link #tables()} with their counts, {@link #isEmpty()},
 * {@link #parentChanges()}. Its {@link #toSql()}, {@link #writeSql}, {@link #toJson()} and {@link #apply()} throw
 * {@link NotSupportedException} when it has row changes; apply the streamed output instead ({@code Foldout.apply}).
 * Every failure is a {@link FoldoutException} (a subtype where one fits).
 */
public interface Diff {

    /** The database the SQL is applied to: the parent (or RIGHT). */
    String parent();

    /** The database whose state the SQL reproduces: the branch (or LEFT). */
    String branch();

    /** How it was made: a branch's own changes, a branch against its parent, or two databases in full. */
    DiffMode mode();

    /**
     * What the parent changed on its own since the branch that applying this diff would undo: two-way diffs of a
     * branch count it ({@link ParentChanges#known()}), and {@link #apply()} refuses a diff that would undo any unless
     * forced; three-way diffs keep the parent's work and report {@link ParentChanges#NONE}.
     */
    ParentChanges parentChanges();

    /** The DDL, per object, in the order it runs. */
    List<SchemaChange> schemaChanges();

    /** Objects that differ but that the SQL cannot express. */
    List<UnsupportedObject> unsupported();

    /** Every compared table, with how its rows were found and what changed. */
    List<TableDiff> tables();

    /** Whether there is nothing to apply (unsupported objects aside). */
    boolean isEmpty();

    /** The diff as SQL: a header, then one statement per line, in one transaction. */
    String toSql();

    /** Writes {@link #toSql()} to {@code out}, a line at a time. */
    void writeSql(Appendable out);

    /** The diff as JSON: the same content as data. */
    String toJson();

    /**
     * Applies the diff to the parent in one transaction, all or nothing; refuses if the parent changed since. Returns
     * what it did, as {@code Foldout.apply} does.
     */
    default ApplyResult apply() {
        return apply(ApplyOptions.DEFAULTS);
    }

    /** Applies the diff in one transaction, all or nothing; returns what it did. */
    ApplyResult apply(ApplyOptions options);
}
