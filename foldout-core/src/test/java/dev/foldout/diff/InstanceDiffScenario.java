package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.ApplyOptions;
import dev.foldout.Branch;
import dev.foldout.ConnectionUrl;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.Locator;
import dev.foldout.TableDiff;
import dev.foldout.testing.TestPostgres;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Diffs of instance branches (whole clusters) against their parents, for every instance backend: each scenario makes a
 * database of its own in the parent cluster, branches it with the backend, changes both sides, and checks that the
 * page-scan diff is the full compare's, statement for statement, that it applied makes the parent equal to the branch,
 * and that it did not read what nobody wrote.
 */
public final class InstanceDiffScenario {
    /** Rows of {@code big}: about 1,900 blocks, and never changed but for three rows. */
    static final int BIG_ROWS = 120_000;

    private static final String SETUP = """
            create table items(id int primary key, v text);
            insert into items select g, 'row ' || g from generate_series(1, 5000) g;
            create table big(id int primary key, pad text) with (autovacuum_enabled = false);
            insert into big select g, repeat(md5(g::text), 3) from generate_series(1, %d) g;
            create table retyped(id int primary key, n int);
            insert into retyped select g, g from generate_series(1, 2000) g;
            create table packed(id int primary key, v text);
            insert into packed select g, 'p' || g from generate_series(1, 3000) g;
            create table emptied(id int primary key, v text);
            insert into emptied select g, 'e' || g from generate_series(1, 1000) g;
            create table shrunk(id int primary key, v text);
            insert into shrunk select g, repeat('s', 200) from generate_series(1, 4000) g;
            create unlogged table scratch(id int primary key, v text);
            insert into scratch select g, 'u' || g from generate_series(1, 100) g;
            create table bag(x int, y text);
            insert into bag select g %% 20, 'y' || g %% 7 from generate_series(1, 1000) g;
            create table part(id int, region text, v int, primary key (id, region)) partition by list (region);
            create table part_eu partition of part for values in ('eu');
            create table part_us partition of part for values in ('us');
            insert into part select g, case when g %% 2 = 0 then 'eu' else 'us' end, g from generate_series(1, 2000) g;
            create table doomed(id int primary key);
            insert into doomed values (1);
            """.formatted(BIG_ROWS);

    /** One statement each: VACUUM runs outside a transaction block. */
    private static final String[] ON_PARENT = {
        "update items set v = 'parent ' || id where id between 1 and 5",
        "delete from items where id between 100 and 110",
        "insert into items values (9001, 'p'), (9002, 'p')",
        "update big set pad = 'parent' where id = 60000",
        "delete from packed where id % 2 = 0",
        "vacuum full packed",
        "delete from shrunk where id > 1000",
        "vacuum shrunk",
        "update part set v = -1 where id = 11",
        "insert into bag values (99, 'parent')",
        "create table parent_new(id int primary key)",
        "insert into parent_new values (1)",
    };

    private static final String ON_BRANCH = """
            update items set v = 'branch ' || id where id between 3 and 8;
            delete from items where id between 200 and 205;
            insert into items values (9002, 'b'), (9003, 'b');
            update big set pad = 'branch' where id in (10, 110000);
            alter table retyped alter column n type bigint;
            insert into retyped values (5000, 5000000000);
            truncate emptied;
            insert into emptied values (1, 'again');
            insert into scratch values (1000, 'after the recovery');
            delete from bag where ctid = (select ctid from bag where x = 3 limit 1);
            update part set region = 'eu' where id = 13;
            create table branch_new(id int primary key, v text);
            insert into branch_new select g, 'n' from generate_series(1, 50) g;
            drop table doomed;
            """;

    private InstanceDiffScenario() {
    }

    /**
     * Inserts, updates and deletes on both sides, a table rewritten on each side (VACUUM FULL on the parent, ALTER ...
     * TYPE on the branch), one truncated, one shrunk by VACUUM, an unlogged one, a partitioned one, a table without a
     * key, tables made and dropped after the cut; and a large table of which three rows changed, which the page-scan
     * diff must not read in full.
     */
    public static void changesOnBothSides(Foldout fld, ConnectionUrl server, String backend) throws SQLException {
        String db = newDatabase(server, SETUP);
        ConnectionUrl parent = server.withDatabase(db);
        try {
            Branch b = fld.getDatabase(db).branch(TestPostgres.uniqueName("ib"), CopyOptions.DEFAULTS.withBackend(backend));
            exec(parent, ON_PARENT);
            try (Connection c = b.open(); Statement st = c.createStatement()) {
                st.execute(ON_BRANCH);
            }
            long[] before = bigRowsRead(parent, b);
            Diff located = b.diff();
            long[] afterLocated = bigRowsRead(parent, b);
            Diff full = b.diff(DiffOptions.DEFAULTS.withLocator(Locator.FULL_COMPARE));
            long[] afterFull = bigRowsRead(parent, b);

            assertThat(statements(located.toSql())).as("the page-scan diff's statements are the full compare's")
                    .isEqualTo(statements(full.toSql())).isNotEmpty();
            assertThat(locators(located)).containsEntry("items", "pagescan").containsEntry("big", "pagescan")
                    .containsEntry("bag", "pagescan").containsEntry("part", "pagescan").containsEntry("shrunk", "pagescan")
                    .containsEntry("branch_new", "new-table").containsEntry("scratch", "full-compare: unlogged")
                    .doesNotContainKeys("parent_new", "doomed");
            assertThat(List.of("retyped", "packed", "emptied")).allSatisfy(t ->
                    assertThat(locators(located).get(t)).startsWith("full-compare: rewritten since the cut"));
            assertThat(locators(full).values()).allMatch(l -> l.equals("full-compare: asked for") || l.equals("new-table"));
            assertThat(located.tables()).filteredOn(TableDiff::hasChanges).extracting(TableDiff::name)
                    .containsExactlyInAnyOrder("items", "big", "retyped", "packed", "emptied", "shrunk", "scratch", "bag",
                            "part", "branch_new");
            for (int side = 0; side < 2; side++) {
                assertThat(afterLocated[side] - before[side]).as("rows of big the page-scan diff read (side %d)", side)
                        .isLessThan(BIG_ROWS / 50);
                assertThat(afterFull[side] - afterLocated[side]).as("rows of big the full compare read (side %d)", side)
                        .isGreaterThanOrEqualTo(BIG_ROWS);
            }
            applyAndCompare(fld, parent, b, located);
            b.delete(true);
        } finally {
            dropDatabase(server, db);
        }
    }

    /**
     * A transaction open on the parent at the cut, committed there afterwards: the branch's recovery cut it off, so
     * its row is on the parent only, in a page neither side wrote since. The commit logs tell, and the diff falls back
     * to a full compare, which finds the row.
     */
    public static void transactionOpenAtTheCut(Foldout fld, ConnectionUrl server, String backend) throws SQLException {
        String db = newDatabase(server, "create table pending(id int primary key, v text);"
                + "insert into pending select g, 'p' || g from generate_series(1, 100) g;");
        ConnectionUrl parent = server.withDatabase(db);
        try (Connection open = connect(parent); Statement st = open.createStatement()) {
            open.setAutoCommit(false);
            st.execute("insert into pending values (1000, 'open at the cut')");
            long xid;
            try (java.sql.ResultSet rs = st.executeQuery("select pg_current_xact_id()::text::int8")) {
                rs.next();
                xid = rs.getLong(1);
            }
            Branch b = fld.getDatabase(db).branch(TestPostgres.uniqueName("ib"), CopyOptions.DEFAULTS.withBackend(backend));
            open.commit();
            assertThat(value(server.withDatabase("foldout_catalog"), "select (cut_xids @> ?::int8)::text from "
                    + "foldout.instances where name = ?", xid, b.name())).as("the open transaction %d is in cut_xids", xid)
                    .isEqualTo("true");
            Diff located = b.diff();
            TableDiff pending = located.tables().get(0);
            assertThat(pending.deletes()).as("the row on the parent only").isEqualTo(1);
            assertThat(statements(located.toSql()))
                    .isEqualTo(statements(b.diff(DiffOptions.DEFAULTS.withLocator(Locator.FULL_COMPARE)).toSql()));
            assertThat(pending.locator()).startsWith("full-compare: no change locator here (pagescan: transaction ")
                    .contains("committed on parent \"" + db + "\")", "committed on one side only",
                            "of the transactions running at the cut (IDs ");
            applyAndCompare(fld, parent, b, located);
            b.delete(true);
        } finally {
            dropDatabase(server, db);
        }
    }

    /**
     * Transactions given out after the cut, numbered alike on both sides but other transactions on each: the parent
     * commits its own, the branch rolls its own back. None can have left rows in pages neither side wrote, so the page
     * scan serves the diff, which compares the commit logs over the transactions running at the cut only (recorded in
     * {@code foldout.instances.cut_xids}). The same branch with its cut's transactions erased from the catalog (as a
     * branch made before they were recorded) falls back to a full compare, as it did before: the same IDs ended
     * differently.
     */
    public static void rollbackOnTheBranchAfterTheCut(Foldout fld, ConnectionUrl server, String backend) throws SQLException {
        String db = newDatabase(server, "create table log(id int primary key, v text);"
                + "insert into log select g, 'l' || g from generate_series(1, 1000) g;");
        ConnectionUrl parent = server.withDatabase(db);
        ConnectionUrl catalog = server.withDatabase("foldout_catalog");
        try {
            Branch b = fld.getDatabase(db).branch(TestPostgres.uniqueName("ib"), CopyOptions.DEFAULTS.withBackend(backend));
            assertThat(value(catalog, "select cut_xids::text from foldout.instances where name = ?", b.name()))
                    .as("foldout.instances.cut_xids of branch %s", b.name()).matches("empty|\\[\\d+,\\d+\\)");
            java.util.Set<Long> committed = new java.util.TreeSet<>();
            java.util.Set<Long> rolledBack = new java.util.TreeSet<>();
            try (Connection p = connect(parent); Connection c = b.open()) {
                for (int i = 0; i < 40; i++) {
                    committed.add(insertAndEnd(p, 20_000 + i, true));
                    rolledBack.add(insertAndEnd(c, 30_000 + i, false));
                }
            }
            for (long x : committed) {
                assertThat(value(catalog, "select (isempty(cut_xids) or upper(cut_xids) <= ?::int8)::text "
                        + "from foldout.instances where name = ?", x, b.name())).as("%d is past the cut", x).isEqualTo("true");
            }
            java.util.Set<Long> both = new java.util.TreeSet<>(committed);
            both.retainAll(rolledBack);
            assertThat(both).as("IDs committed on the parent and rolled back on the branch (parent %s, branch %s)",
                    committed, rolledBack).isNotEmpty();

            Diff located = b.diff();
            List<String> full = statements(b.diff(DiffOptions.DEFAULTS.withLocator(Locator.FULL_COMPARE)).toSql());
            assertThat(located.tables()).singleElement().satisfies(t -> {
                assertThat(t.locator()).isEqualTo("pagescan");
                assertThat(t.deletes()).as("the parent's rows").isEqualTo(40);
            });
            assertThat(statements(located.toSql())).isEqualTo(full);

            value(catalog, "update foldout.instances set cut_xids = null where name = ? returning name", b.name());
            Diff wide = b.diff();
            assertThat(wide.tables().get(0).locator())
                    .startsWith("full-compare: no change locator here (pagescan: transaction ")
                    .contains("committed on one side only", "the cut's transactions were not recorded for this branch");
            assertThat(statements(wide.toSql())).isEqualTo(full);
            applyAndCompare(fld, parent, b, located);
            b.delete(true);
        } finally {
            dropDatabase(server, db);
        }
    }

    /** Inserts a row in a transaction of its own, commits or rolls it back, and returns its transaction ID. */
    private static long insertAndEnd(Connection c, int id, boolean commit) throws SQLException {
        c.setAutoCommit(false);
        try (java.sql.PreparedStatement st = c.prepareStatement("insert into log values (?, 'after the cut') "
                + "returning pg_current_xact_id()::text::int8")) {
            st.setInt(1, id);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } finally {
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
            c.setAutoCommit(true);
        }
    }

    /** The first column of the first row of {@code sql} (with bind parameters) as text; null when there is none. */
    static String value(ConnectionUrl url, String sql, Object... params) throws SQLException {
        try (Connection c = connect(url); java.sql.PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (java.sql.ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * A branch of an instance branch: its parent is the other branch's cluster, whose own data directory is scanned.
     * (Applying a diff to an instance branch is not offered yet, so its SQL is run there directly.)
     */
    public static void branchOfABranch(Foldout fld, ConnectionUrl server, String backend) throws SQLException {
        String db = newDatabase(server, "create table items(id int primary key, v text);"
                + "insert into items select g, 'row ' || g from generate_series(1, 20000) g;");
        try {
            Branch a = fld.getDatabase(db).branch(TestPostgres.uniqueName("ia"), CopyOptions.DEFAULTS.withBackend(backend));
            Branch b = a.branch(TestPostgres.uniqueName("ib"), CopyOptions.DEFAULTS.withBackend(backend));
            try (Connection ca = a.open(); Connection cb = b.open(); Statement sa = ca.createStatement();
                 Statement sb = cb.createStatement()) {
                sa.execute("update items set v = 'a' where id in (1, 2); delete from items where id = 3");
                sb.execute("update items set v = 'b' where id in (2, 4); insert into items values (30000, 'b')");
                Diff located = b.diff();
                assertThat(located.tables()).extracting(TableDiff::locator).containsExactly("pagescan");
                assertThat(located.tables().get(0)).extracting(TableDiff::inserts, TableDiff::updates, TableDiff::deletes)
                        .containsExactly(2L, 3L, 0L); // 3 and 30000 back; 1, 2 and 4 as on the branch
                List<String> sql = statements(located.toSql());
                assertThat(sql).isEqualTo(statements(b.diff(DiffOptions.DEFAULTS.withLocator(Locator.FULL_COMPARE)).toSql()));
                for (String statement : sql) {
                    sa.execute(statement);
                }
                assertThat(Contents.of(ca)).isEqualTo(Contents.of(cb));
            }
            b.delete(true);
            a.delete(true);
        } finally {
            dropDatabase(server, db);
        }
    }

    /**
     * A row the parent writes right after the branch is made, in the same second as the branch's catalog row: on a
     * file system that keeps whole seconds (zfs-fuse), the file's new modification time is then earlier than the
     * branch's quiet point, and the page scan must read it all the same. Returns whether that happened this time
     * (the file's time lies before the quiet point less the kernel's clock ticks), which is what this is for.
     */
    public static boolean writeInTheSecondOfTheBranch(Foldout fld, ConnectionUrl server, String backend) throws Exception {
        String db = newDatabase(server, "create table items(id int primary key, v text);"
                + "insert into items select g, 'row ' || g from generate_series(1, 100) g;");
        ConnectionUrl parent = server.withDatabase(db);
        try {
            while (java.time.Instant.now().getNano() > 30_000_000) {
                Thread.sleep(5); // the branch's catalog row is stamped early in a second
            }
            Branch b = fld.getDatabase(db).branch(TestPostgres.uniqueName("ib"), CopyOptions.DEFAULTS.withBackend(backend));
            exec(parent, "update items set v = 'parent' where id = 7");
            Diff located = b.diff();
            java.nio.file.Path file;
            try (Connection p = connect(parent); Statement st = p.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("select current_setting('data_directory'), pg_relation_filepath('items')")) {
                rs.next();
                file = java.nio.file.Path.of(rs.getString(1)).resolve(rs.getString(2));
            }
            boolean early = java.nio.file.Files.getLastModifiedTime(file).toInstant()
                    .isBefore(b.instance().orElseThrow().createdAt().minusMillis(12));
            assertThat(located.tables().get(0).updates()).as("the parent's update").isEqualTo(1);
            assertThat(statements(located.toSql()))
                    .isEqualTo(statements(b.diff(DiffOptions.DEFAULTS.withLocator(Locator.FULL_COMPARE)).toSql()));
            applyAndCompare(fld, parent, b, located);
            b.delete(true);
            return early;
        } finally {
            dropDatabase(server, db);
        }
    }

    /** Applies {@code diff} to the parent; then both hold the same rows, and a new diff is empty. */
    static void applyAndCompare(Foldout fld, ConnectionUrl parent, Branch b, Diff diff) throws SQLException {
        String sql = diff.toSql();
        fld.apply(new StringReader(sql), ApplyOptions.DEFAULTS);
        try (Connection p = connect(parent); Connection c = b.open()) {
            assertThat(Contents.of(p)).as("rows of the parent after applying\n%s", sql).isEqualTo(Contents.of(c));
        }
        Diff again = b.diff();
        assertThat(again.isEmpty()).as("a second diff is empty, but it is\n%s", again.toSql()).isTrue();
    }

    /** The SQL's statements: every line but the comments (which name the locator of each table) and the trailer. */
    static List<String> statements(String sql) {
        return sql.lines().filter(l -> !l.startsWith("--")).toList();
    }

    private static Map<String, String> locators(Diff diff) {
        Map<String, String> out = new TreeMap<>();
        diff.tables().forEach(t -> out.put(t.name(), t.locator()));
        return out;
    }

    /** The rows of {@code big} read so far on the parent and on the branch. */
    private static long[] bigRowsRead(ConnectionUrl parent, Branch b) throws SQLException {
        try (Connection p = connect(parent); Connection c = b.open()) {
            return new long[] {RowsRead.of(p, "big"), RowsRead.of(c, "big")};
        }
    }

    /**
     * A new database on the server with {@code setup} run in it, autovacuum off (see below), vacuumed and frozen, and
     * written out by a CHECKPOINT, so that the cut's own checkpoint leaves its files alone and the page scan may skip
     * them unread (their modification times are older than the branch).
     */
    static String newDatabase(ConnectionUrl server, String setup) throws SQLException {
        String db = TestPostgres.uniqueName("idb");
        // autovacuum off: an autovacuum transaction open at the cut would end differently on the two sides, and the
        // diff would rightly fall back to a full compare (transactionOpenAtTheCut is that case, on purpose)
        exec(server.withDatabase("postgres"), "alter system set autovacuum = off", "select pg_reload_conf()",
                "create database " + db);
        exec(server.withDatabase(db), setup, "vacuum (freeze, analyze)", "checkpoint");
        return db;
    }

    static void dropDatabase(ConnectionUrl server, String db) throws SQLException {
        exec(server.withDatabase("postgres"), "drop database if exists " + db + " with (force)");
    }

    static void exec(ConnectionUrl url, String... sql) throws SQLException {
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    static Connection connect(ConnectionUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }
}
