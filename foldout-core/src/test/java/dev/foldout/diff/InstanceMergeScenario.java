package dev.foldout.diff;

import static dev.foldout.diff.InstanceDiffScenario.dropDatabase;
import static dev.foldout.diff.InstanceDiffScenario.exec;
import static dev.foldout.diff.InstanceDiffScenario.newDatabase;
import static dev.foldout.diff.InstanceDiffScenario.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.Branch;
import dev.foldout.ConnectionUrl;
import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.MergeBase;
import dev.foldout.MergeConflictException;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResolution;
import dev.foldout.MergeResult;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Three-way merges of instance branches (whole clusters) into their parent database, for every instance backend: the
 * branch keeps a base (a snapshot of its storage taken before anyone could connect), and a merge brings the branch's
 * changes since it into the parent while keeping the parent's own, cell by cell; the base then moves, so merging
 * again brings only newer work; a conflict is refused with nothing changed on either side.
 */
public final class InstanceMergeScenario {
    private static final String SETUP = "create table items(id int primary key, v text, n int);"
            + "insert into items select g, 'v' || g, g from generate_series(1, 200) g;";

    private InstanceMergeScenario() {
    }

    /** Merge, merge again, a dry run, a conflict refused and then settled: each checked on the parent's rows. */
    public static void mergeKeepsBothSides(Foldout fld, ConnectionUrl server, String backend) throws SQLException {
        String db = newDatabase(server, SETUP);
        ConnectionUrl parent = server.withDatabase(db);
        ConnectionUrl catalog = server.withDatabase("foldout_catalog");
        try {
            Branch b = fld.getDatabase(db).branch(TestPostgres.uniqueName("im"), CopyOptions.DEFAULTS.withBackend(backend));
            MergeBase first = b.info().base().orElseThrow(() -> new AssertionError("the instance branch keeps no merge base"));
            assertThat(first.database()).startsWith("foldout_ibase_");

            exec(parent, "update items set v = 'parent' where id = 1", "delete from items where id = 2",
                    "insert into items values (1001, 'parent', 0)");
            branchExec(b, "update items set n = -n where id = 1", "update items set v = 'branch' where id = 3",
                    "delete from items where id = 4", "insert into items values (2001, 'branch', 0)",
                    "create table branch_new(id int primary key)", "insert into branch_new values (7)");

            MergeResult dry = b.merge(MergeOptions.DEFAULTS.withDryRun(true));
            assertThat(dry.rowsChanged()).as("rows the dry run would change").isEqualTo(5);
            assertThat(value(parent, "select count(*) from items where id = 2001")).as("the dry run changed nothing").isEqualTo("0");

            MergeResult merged = b.merge(MergeOptions.DEFAULTS);
            assertThat(merged.applied()).isTrue();
            assertThat(value(parent, "select string_agg(id || ':' || v || ':' || n, ',' order by id) from items "
                    + "where id in (1, 2, 3, 4, 1001, 2001)"))
                    .as("both sides' changes, the same row merged column by column")
                    .isEqualTo("1:parent:-1,3:branch:3,1001:parent:0,2001:branch:0");
            assertThat(value(parent, "select string_agg(id::text, ',') from branch_new")).isEqualTo("7");
            assertLocated(merged, "the first merge");
            MergeBase moved = b.info().base().orElseThrow();
            assertThat(moved.database()).as("the base moved to the merged state").isNotEqualTo(first.database());

            assertThat(b.merge(MergeOptions.DEFAULTS).rowsChanged()).as("merging twice brings nothing more").isZero();
            branchExec(b, "update items set v = 'later' where id = 5");
            exec(parent, "update items set n = 0 where id = 7");
            MergeResult newer = b.merge(MergeOptions.DEFAULTS);
            assertThat(newer.rowsChanged()).as("only the newer work").isEqualTo(1);
            assertLocated(newer, "a merge from a base taken at a merge");
            assertThat(value(parent, "select v || ':' || n from items where id = 7")).as("the parent's own change kept")
                    .isEqualTo("v7:0");
            assertThat(value(parent, "select v from items where id = 5")).isEqualTo("later");

            exec(parent, "update items set v = 'p6' where id = 6");
            branchExec(b, "update items set v = 'b6' where id = 6");
            String baseBefore = b.info().base().orElseThrow().database();
            assertThatThrownBy(() -> b.merge(MergeOptions.DEFAULTS)).isInstanceOf(MergeConflictException.class)
                    .hasMessageContaining("(id)=(6)");
            assertThat(value(parent, "select v from items where id = 6")).as("a refused merge changes nothing").isEqualTo("p6");
            assertThat(b.info().base().orElseThrow().database()).as("nor moves the base").isEqualTo(baseBefore);
            b.merge(MergeOptions.DEFAULTS.withPrefer(MergeResolution.BRANCH));
            assertThat(value(parent, "select v from items where id = 6")).isEqualTo("b6");

            // a transaction open on the branch while a merge takes the next base, committed after it: its row is in a page
            // written before the base snapshot, so only the two commit logs tell; the next merge brings it
            try (Connection open = b.open(); Statement st = open.createStatement()) {
                open.setAutoCommit(false);
                st.execute("insert into items values (3001, 'open', 0)");
                b.merge(MergeOptions.DEFAULTS);
                assertThat(value(parent, "select count(*) from items where id = 3001")).as("not committed yet").isEqualTo("0");
                open.commit();
            }
            assertThat(b.merge(MergeOptions.DEFAULTS).rowsChanged()).as("the row committed after the base").isEqualTo(1);
            assertThat(value(parent, "select v from items where id = 3001")).isEqualTo("open");

            assertThat(value(catalog, "select count(*) from foldout.instances where name like 'foldout\\_mergebase\\_%'"))
                    .as("the servers the merges read their bases through are gone").isEqualTo("0");
            b.delete(true);
        } finally {
            dropDatabase(server, db);
        }
    }

    /**
     * Rebase brings the parent's changes into the branch, keeping the branch's own, under the same name and port; a
     * merge afterwards brings only the branch's own work; a conflicting rebase changes nothing and leaves the branch
     * open to sessions; reset makes it a fresh copy of the parent, same port again. No temporary copy is left.
     */
    public static void rebaseAndReset(Foldout fld, ConnectionUrl server, String backend) throws SQLException {
        String db = newDatabase(server, SETUP);
        ConnectionUrl parent = server.withDatabase(db);
        ConnectionUrl catalog = server.withDatabase("foldout_catalog");
        try {
            Branch b = fld.getDatabase(db).branch(TestPostgres.uniqueName("ir"), CopyOptions.DEFAULTS.withBackend(backend));
            int port = b.instance().orElseThrow().port();
            exec(parent, "update items set v = 'parent' where id = 1", "insert into items values (1001, 'parent', 0)");
            branchExec(b, "update items set v = 'branch' where id = 2", "insert into items values (2001, 'branch', 0)");

            b.rebase(MergeOptions.DEFAULTS);
            assertThat(b.instance().orElseThrow().port()).as("the rebased branch keeps its port").isEqualTo(port);
            assertThat(branchValue(b, "select string_agg(id || ':' || v, ',' order by id) from items where id in (1, 2, 1001, 2001)"))
                    .as("the parent's changes and the branch's own").isEqualTo("1:parent,2:branch,1001:parent,2001:branch");
            MergeResult merged = b.merge(MergeOptions.DEFAULTS);
            assertThat(merged.rowsChanged()).as("after a rebase a merge brings only the branch's own work").isEqualTo(2);
            assertThat(value(parent, "select string_agg(id || ':' || v, ',' order by id) from items where id in (1, 2, 1001, 2001)"))
                    .isEqualTo("1:parent,2:branch,1001:parent,2001:branch");

            exec(parent, "update items set v = 'p3' where id = 3");
            branchExec(b, "update items set v = 'b3' where id = 3");
            assertThatThrownBy(() -> b.rebase(MergeOptions.DEFAULTS)).isInstanceOf(MergeConflictException.class)
                    .hasMessageContaining("(id)=(3)");
            assertThat(branchValue(b, "select v from items where id = 3")).as("a refused rebase changes nothing, and the branch "
                    + "takes sessions again").isEqualTo("b3");
            assertThat(value(parent, "select v from items where id = 3")).isEqualTo("p3");

            b.reset(false);
            assertThat(b.instance().orElseThrow().port()).as("the reset branch keeps its port").isEqualTo(port);
            assertThat(branchValue(b, "select v from items where id = 3")).as("reset: the parent's state").isEqualTo("p3");
            assertThat(b.info().base()).as("a reset branch keeps a base").isPresent();
            assertThat(value(catalog, "select count(*) from foldout.instances where name like 'foldout\\_rebuild\\_%' "
                    + "or name like 'foldout\\_mergebase\\_%'")).as("no temporary copy is left").isEqualTo("0");
            b.delete(true);
        } finally {
            dropDatabase(server, db);
        }
    }

    /**
     * Both of a merge's diffs found their rows with the page scan (the branch's since the base snapshot, the parent's
     * since the branch's cut), not by comparing every row.
     */
    private static void assertLocated(MergeResult merged, String which) {
        assertThat(merged.tables()).as(which + ": the branch's changes").filteredOn(t -> t.name().equals("items"))
                .singleElement().satisfies(t -> assertThat(t.locatedBy()).as(t.locator()).isEqualTo(dev.foldout.Locator.PAGESCAN));
        assertThat(merged.drift()).as(which + ": the parent's changes").filteredOn(t -> t.name().equals("items"))
                .singleElement().satisfies(t -> assertThat(t.locatedBy()).as(t.locator()).isEqualTo(dev.foldout.Locator.PAGESCAN));
    }

    private static String branchValue(Branch b, String sql) throws SQLException {
        try (Connection c = b.open(); Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void branchExec(Branch b, String... sql) throws SQLException {
        try (Connection c = b.open(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
