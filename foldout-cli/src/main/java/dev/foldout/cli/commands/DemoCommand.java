package dev.foldout.cli.commands;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Database;
import dev.foldout.Diff;
import dev.foldout.Foldout;
import dev.foldout.FoldoutException;
import dev.foldout.Snapshot;
import dev.foldout.TableDiff;
import dev.foldout.cli.Server;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foldout demo}: the tour. Makes a database with data, snapshots it, branches it, changes the branch,
 * breaks the parent and restores it from the snapshot, printing each step and its time. Runs on the embedded
 * cluster unless a server is named; starts by removing what an earlier demo left.
 */
@Command(name = "demo", description = "Create a database with data, snapshot it, branch it, change the branch, "
        + "restore the parent; print each step and its time.")
public final class DemoCommand implements Runnable {
    private static final String DB = "foldout_demo";
    private static final String SNAP = "foldout_demo_before";
    private static final String BRANCH = "foldout_demo_feature";
    @Spec
    CommandSpec spec;
    @Option(names = "--rows", paramLabel = "N", description = "Rows in the demo table (default: ${DEFAULT-VALUE}).")
    int rows = 1_000_000;

    @Override
    public void run() {
        if (rows < 1000) {
            throw new IllegalArgumentException("--rows must be at least 1000, was " + rows);
        }
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        try (Foldout fld = Server.connect()) {
            out.printf("Foldout demo on PostgreSQL %s at %s:%d%n", fld.server().version(), fld.server().host(), fld.server().port());
            cleanUp(fld);
            long t = System.nanoTime();
            Database db = fld.createDatabase(DB);
            load(db);
            step(out, 1, "created database " + DB + " with " + String.format("%,d", rows) + " rows ("
                    + db.info().sizeBytes() / (1 << 20) + " MB)", t);

            t = System.nanoTime();
            Snapshot snap = db.snapshot(SNAP, CopyOptions.DEFAULTS.withMessage("demo: before any change"));
            step(out, 2, "snapshot " + SNAP + ": " + copy(snap.info().copy()), t);

            t = System.nanoTime();
            Branch branch = db.branch(BRANCH);
            step(out, 3, "branch " + BRANCH + ": " + copy(branch.info().copy()), t);
            if (!branch.info().copy().note().isEmpty()) {
                out.println("    (" + branch.info().copy().note() + ")");
            }

            t = System.nanoTime();
            exec(branch.open(), "delete from accounts where id <= 1000",
                    "update accounts set balance = balance + 100 where id between 1001 and 1500");
            step(out, 4, "changed the branch (deleted 1,000 rows, updated 500): branch has " + count(branch.open())
                    + " rows, parent still " + count(db.open()), t);

            t = System.nanoTime();
            Diff diff = branch.diff();
            TableDiff accounts = diff.tables().stream().filter(TableDiff::hasChanges).findFirst().orElseThrow(() ->
                    new FoldoutException("demo: the diff of the branch found no change"));
            step(out, 5, String.format("diff of the branch: %,d updated, %,d deleted (found by %s), %,d lines of SQL",
                    accounts.updates(), accounts.deletes(), accounts.locator(), diff.toSql().lines().count()), t);

            t = System.nanoTime();
            diff.apply();
            step(out, 6, "applied the diff to the parent in one transaction: parent has " + count(db.open()) + " rows", t);

            t = System.nanoTime();
            exec(db.open(), "delete from accounts where id % 2 = 0");
            step(out, 7, "a bad change on the parent (deleted every second row): " + count(db.open()) + " rows left", t);

            t = System.nanoTime();
            db.restore(SNAP, CopyOptions.DEFAULTS);
            step(out, 8, "restored " + DB + " from " + SNAP + ": " + count(db.open()) + " rows again", t);

            out.printf("done in %.1f s. Look around: bin/foldout branches list; bin/foldout snapshots list; "
                    + "connect to the branch at %s (%s)%n", (System.nanoTime() - start) / 1e9, branch.jdbcUrl(),
                    Server.credentials(fld));
        }
    }

    private static void cleanUp(Foldout fld) {
        fld.findBranch(BRANCH).ifPresent(b -> b.delete(true));
        fld.findSnapshot(SNAP).ifPresent(s -> s.delete(true));
        if (fld.databases().stream().anyMatch(d -> d.name().equals(DB))) {
            fld.getDatabase(DB).drop(true);
        }
    }

    private void load(Database db) {
        exec(db.open(), "create table accounts (id bigint primary key, owner text not null, balance numeric(12,2) not null, "
                        + "note text)",
                "insert into accounts select g, 'owner ' || g, (g % 10000) / 100.0, repeat(md5(g::text), 2) "
                        + "from generate_series(1, " + rows + ") g",
                "analyze accounts");
    }

    private static String copy(dev.foldout.CopyReport report) {
        return report.method().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " in " + report.elapsed().toMillis() + " ms";
    }

    private static void step(PrintWriter out, int n, String what, long t0) {
        out.printf(" %d. %-84s %7.3f s%n", n, what, (System.nanoTime() - t0) / 1e9);
        out.flush();
    }

    private static void exec(Connection connection, String... sql) {
        try (Connection c = connection; Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new FoldoutException("demo step failed: " + e.getMessage(), e);
        }
    }

    private static String count(Connection connection) {
        try (Connection c = connection; Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from accounts")) {
            rs.next();
            return String.format("%,d", rs.getLong(1));
        } catch (SQLException e) {
            throw new FoldoutException("demo count failed: " + e.getMessage(), e);
        }
    }
}
