package dev.foldout.examples;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Database;
import dev.foldout.Foldout;
import dev.foldout.Snapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The fluent API in one page: on Foldout's embedded cluster (or the server of the URL given as the first
 * argument), make a database, snapshot it, branch it, work on the branch, break the parent and restore it.
 *
 * <pre>mvn -q -pl examples -am package -DskipTests
 * java -cp "examples/target/classes:$(cat examples/target/classpath.txt)" dev.foldout.examples.BranchAndRestore</pre>
 */
public final class BranchAndRestore {
    private BranchAndRestore() {
    }

    /** Runs the example. */
    public static void main(String[] args) throws SQLException {
        try (Foldout fld = args.length > 0 ? Foldout.connect(args[0]) : Foldout.embedded()) {
            fld.findBranch("example_feature").ifPresent(b -> b.delete(true));
            fld.findSnapshot("example_before").ifPresent(s -> s.delete(true));
            if (fld.databases().stream().anyMatch(d -> d.name().equals("example_app"))) {
                fld.getDatabase("example_app").drop(true);
            }

            Database app = fld.createDatabase("example_app");
            run(app.open(), "create table orders(id int primary key, total numeric)",
                    "insert into orders select g, g * 1.5 from generate_series(1, 10000) g");

            Snapshot before = app.snapshot("example_before", CopyOptions.DEFAULTS.withMessage("before the migration"));
            Branch feature = app.branch("example_feature");
            run(feature.open(), "alter table orders add column status text default 'new'", "delete from orders where id > 5000");
            System.out.println("branch " + feature.name() + " (" + feature.info().copy().describe() + "): "
                    + count(feature.open()) + " orders; parent: " + count(app.open()));

            run(app.open(), "truncate orders");
            before.restore(CopyOptions.DEFAULTS);
            System.out.println("restored " + app.name() + " from " + before.name() + ": " + count(app.open()) + " orders");
        }
    }

    private static void run(Connection connection, String... sql) throws SQLException {
        try (Connection c = connection; Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (Connection c = connection; Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
