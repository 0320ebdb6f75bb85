package dev.foldout.internal.diff.output;

import static dev.foldout.Identifiers.quote;

import dev.foldout.DiffValue;
import dev.foldout.RowChange;
import dev.foldout.TableDiff;
import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.DiffSink;
import dev.foldout.internal.diff.rows.Column;
import dev.foldout.internal.diff.rows.RowSink;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.schema.SchemaDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes a diff as SQL, a line at a time: the header, {@code BEGIN;}, the pre-data DDL, the rows with triggers
 * and foreign-key checks off ({@code SET LOCAL session_replication_role = replica}), the post-data DDL,
 * {@code COMMIT;} and a trailer that counts the statements (a truncated file lacks it). One statement per line.
 */
public final class SqlWriter implements DiffSink {
    /** The first line of every diff file. */
    public static final String MAGIC = "-- foldout-diff v1";
    /** Switches user and foreign-key triggers off for the row changes. */
    public static final String ROWS_BEGIN = "SET LOCAL session_replication_role = replica;";
    /** Switches them back on. */
    public static final String ROWS_END = "SET LOCAL session_replication_role = origin;";
    /**
     * The header's count of the parent's own rows and schema objects that applying undoes (two-way diffs of a branch
     * that recorded its transaction ID): {@code -- parent-own: 3 rows, 1 objects}; apply refuses a non-zero count.
     */
    public static final String PARENT_OWN = "-- parent-own: ";
    /** The trailer's start. */
    public static final String TRAILER = "-- end of foldout-diff: ";

    private final Appendable out;
    private final java.security.MessageDigest digest = Checksums.sha256();
    private int statements;
    private boolean inRows;

    /** Writes to {@code out}. */
    public SqlWriter(Appendable out) {
        this.out = out;
    }

    @Override
    public void header(DiffHeader h) {
        line(MAGIC);
        line("-- parent: " + HeaderText.escape(h.parent()));
        line("-- branch: " + HeaderText.escape(h.branch()));
        line("-- mode: " + h.mode());
        line("-- parent-oid: " + h.parentOid());
        line("-- parent-schema: " + h.parentSchema());
        if (h.parentOwn().known()) {
            line(PARENT_OWN + h.parentOwn().rows() + " rows, " + h.parentOwn().objects() + " objects");
        }
        statement("BEGIN;");
    }

    @Override
    public void preData(SchemaDiff schema) {
        schema.unsupported().forEach(u -> line("-- not in this diff: " + u.kind() + " " + oneLineText(u.name()) + ": "
                + oneLineText(u.reason())));
        schema.preData().forEach(s -> statement(SqlLiteral.oneLine(s)));
    }

    @Override
    public RowSink table(TablePlan plan) {
        return change -> {
            if (!inRows) {
                statement(ROWS_BEGIN);
                inRows = true;
            }
            statement(dml(plan, change));
        };
    }

    @Override
    public void tableDone(TablePlan plan, TableDiff summary) {
        if (summary.hasChanges()) {
            line("-- " + oneLineText(summary.schema() + "." + summary.name()) + ": " + summary.inserts() + " inserted, "
                    + summary.updates() + " updated, " + summary.deletes() + " deleted (" + summary.locator() + ")");
        }
    }

    @Override
    public void postData(SchemaDiff schema) {
        if (inRows) {
            statement(ROWS_END);
            inRows = false;
        }
        schema.postData().forEach(s -> statement(SqlLiteral.oneLine(s)));
    }

    @Override
    public void finish() {
        statement("COMMIT;");
        String trailer = TRAILER + statements + " statements, sha256 " + java.util.HexFormat.of().formatHex(digest.digest());
        try {
            out.append(trailer).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the diff: " + e.getMessage(), e);
        }
    }

    /** One row change as a statement. */
    static String dml(TablePlan plan, RowChange change) {
        String table = quote(plan.to().schema()) + "." + quote(plan.to().name());
        String only = plan.to().partitioned() ? "" : "ONLY ";
        return switch (change.kind()) {
            case INSERT -> {
                StringJoiner names = new StringJoiner(", ", "(", ")");
                StringJoiner values = new StringJoiner(", ", "(", ")");
                boolean overriding = false;
                for (DiffValue v : change.values()) {
                    names.add(quote(v.column()));
                    values.add(SqlLiteral.of(v.text()));
                    overriding |= plan.to().column(v.column()).map(Column::identityAlways).orElse(false);
                }
                yield "INSERT INTO " + table + " " + names + (overriding ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES " + values + ";";
            }
            case UPDATE -> {
                StringJoiner set = new StringJoiner(", ");
                change.values().forEach(v -> set.add(quote(v.column()) + " = " + SqlLiteral.of(v.text())));
                yield "UPDATE " + only + table + " SET " + set + " WHERE " + where(plan, change) + ";";
            }
            case DELETE -> plan.keyed()
                    ? "DELETE FROM " + only + table + " WHERE " + where(plan, change) + ";"
                    : "DELETE FROM " + only + table + " WHERE (tableoid, ctid) = (SELECT tableoid, ctid FROM " + only + table
                            + " WHERE " + wholeRow(change.key()) + " LIMIT 1);";
        };
    }

    private static String where(TablePlan plan, RowChange change) {
        StringJoiner and = new StringJoiner(" AND ");
        change.key().forEach(k -> and.add(quote(k.column()) + " = " + SqlLiteral.of(k.text())));
        if (change.guard() != null) {
            StringJoiner row = new StringJoiner(", ");
            plan.guard().forEach(g -> row.add(quote(g) + "::text"));
            and.add("md5(row(" + row + ")::text) = " + SqlLiteral.of(change.guard()));
        }
        return and.toString();
    }

    private static String wholeRow(List<DiffValue> values) {
        StringJoiner and = new StringJoiner(" AND ");
        values.forEach(v -> and.add(v.text() == null ? quote(v.column()) + " IS NULL"
                : quote(v.column()) + "::text = " + SqlLiteral.of(v.text())));
        return and.length() == 0 ? "true" : and.toString();
    }

    private static String oneLineText(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    private void statement(String s) {
        statements++;
        line(s);
    }

    private void line(String s) {
        Checksums.update(digest, s);
        try {
            out.append(s).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the diff: " + e.getMessage(), e);
        }
    }
}
