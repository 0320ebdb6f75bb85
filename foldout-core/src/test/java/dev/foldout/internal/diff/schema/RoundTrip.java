package dev.foldout.internal.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.internal.diff.output.DiffGrammar;
import dev.foldout.internal.diff.output.SqlLiteral;
import dev.foldout.Identifiers;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One schema-diff scenario on real PostgreSQL: database A gets a schema, B is copied from it (related) or built
 * separately (unrelated) and changed, the diff of A against B is applied to A in one transaction, and a second
 * diff must be empty.
 */
final class RoundTrip implements AutoCloseable {
    /** Runs between the pre-data and post-data statements, in the apply's transaction (the rows' place). */
    @FunctionalInterface
    interface Rows {
        void run(Connection c) throws SQLException;
    }

    final String a = TestPostgres.uniqueName("sd_a");
    final String b = TestPostgres.uniqueName("sd_b");
    final boolean related;

    RoundTrip(boolean related, String setup) {
        this.related = related;
        TestPostgres.exec("postgres", "CREATE DATABASE " + Identifiers.quote(a));
        TestPostgres.exec(a, setup);
        if (related) {
            TestPostgres.exec("postgres", "CREATE DATABASE " + Identifiers.quote(b) + " TEMPLATE " + Identifiers.quote(a));
        } else {
            TestPostgres.exec("postgres", "CREATE DATABASE " + Identifiers.quote(b));
            TestPostgres.exec(b, setup);
        }
    }

    /** Changes B. */
    RoundTrip change(String sql) {
        TestPostgres.exec(b, sql);
        return this;
    }

    SchemaDiff diff() throws SQLException {
        try (Connection ca = TestPostgres.connect(a); Connection cb = TestPostgres.connect(b)) {
            return SchemaDiffer.compare(ca, cb, related);
        }
    }

    /** Diffs, applies, diffs again (must be empty); returns the first diff. */
    SchemaDiff apply() throws SQLException {
        return apply(c -> { });
    }

    SchemaDiff apply(Rows rows) throws SQLException {
        SchemaDiff first = diff();
        assertThat(first.unsupported()).as("unsupported in %s", first).isEmpty();
        assertThat(first.isEmpty()).as("the change shows in the diff").isFalse();
        try (Connection ca = TestPostgres.connect(a)) {
            ca.setAutoCommit(false);
            try (Statement st = ca.createStatement()) {
                run(st, first.preData(), first);
                rows.run(ca);
                run(st, first.postData(), first);
            }
            ca.commit();
        }
        SchemaDiff second = diff();
        assertThat(second.preData()).as("pre-data after apply of %s", first).isEmpty();
        assertThat(second.postData()).as("post-data after apply of %s", first).isEmpty();
        assertThat(second.unsupported()).isEmpty();
        return first;
    }

    private static void run(Statement st, Iterable<String> sql, SchemaDiff diff) {
        for (String s : sql) {
            // every statement the schema diff writes is one a diff file may hold, as the diff file writes it
            assertThat(DiffGrammar.problem(SqlLiteral.oneLine(s), false)).as("the diff file's grammar of %s", s).isEmpty();
            try {
                st.execute(s);
            } catch (SQLException e) {
                throw new AssertionError("statement failed: " + s + "\n" + e.getMessage() + "\nwhole diff:\n"
                        + String.join("\n", diff.preData()) + "\n-- rows --\n" + String.join("\n", diff.postData()), e);
            }
        }
    }

    @Override
    public void close() {
        TestPostgres.exec("postgres", "DROP DATABASE IF EXISTS " + Identifiers.quote(a) + " WITH (FORCE)",
                "DROP DATABASE IF EXISTS " + Identifiers.quote(b) + " WITH (FORCE)");
    }
}
