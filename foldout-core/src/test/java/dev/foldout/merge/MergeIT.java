package dev.foldout.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.CopyOptions;
import dev.foldout.MergeConflict;
import dev.foldout.MergeConflictException;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResolution;
import dev.foldout.MergeResult;
import dev.foldout.NotSupportedException;
import dev.foldout.TableDiff;
import dev.foldout.diff.Contents;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merge matrix: each case merged, then checked against both sides' changes replayed on a copy of the base. */
class MergeIT {
    private static final String T = "create table t(id int primary key, a text, b text);"
            + "insert into t select g, 'a' || g, 'b' || g from generate_series(1, 2000) g;";

    @Test
    void branchChangesComeInAndTheParentsOwnStay() {
        try (MergeScenario m = new MergeScenario(T)) {
            m.onParent("insert into t values (5001, 'parent', 'new'); update t set a = 'p' where id = 10; delete from t where id = 20;");
            m.onBranch("insert into t values (6001, 'branch', 'new'); update t set a = 'q' where id = 11; delete from t where id = 21;");
            MergeResult r = m.mergeAndCheck();
            TableDiff t = r.tables().get(0);
            assertThat(t.inserts()).isEqualTo(1);
            assertThat(t.updates()).isEqualTo(1);
            assertThat(t.deletes()).isEqualTo(1);
            assertThat(r.drift()).singleElement().satisfies(d -> {
                assertThat(d.inserts()).isEqualTo(1);
                assertThat(d.updates()).isEqualTo(1);
                assertThat(d.deletes()).isEqualTo(1);
            });
        }
    }

    /**
     * Changes of many batches (a batch merges on another thread while the next is read): every one comes in, and a
     * conflict or a constraint broken in a late batch still refuses the whole merge with nothing changed.
     */
    @Test
    void manyBatchesMergeExactlyAndALateConflictRefusesTheWhole() {
        String big = "create table t(id int primary key, a text, b text);"
                + "insert into t select g, 'a' || g, 'b' || g from generate_series(1, 12000) g;";
        try (MergeScenario m = new MergeScenario(big)) {
            m.onParent("update t set b = 'p' || id where id % 3 = 0 and id <= 11000; delete from t where id between 11001 and 11100;");
            m.onBranch("update t set a = 'q' || id where id <= 10000; insert into t select g, 'n', 'n' "
                    + "from generate_series(20001, 21500) g; delete from t where id between 11501 and 11600;");
            MergeResult r = m.mergeAndCheck();
            assertThat(r.rowsChanged()).isEqualTo(10000 + 1500 + 100);
        }
        try (MergeScenario m = new MergeScenario(big)) {
            TestPostgres.exec(m.parent, "update t set a = 'parent' where id = 9500;");
            TestPostgres.exec(m.branch, "update t set a = 'q' || id where id <= 10000;");
            Map<String, String> parentBefore = Contents.of(m.parent);
            assertThatThrownBy(() -> m.b.merge()).isInstanceOfSatisfying(MergeConflictException.class, e ->
                    assertThat(e.getMessage()).contains("refused: 1 conflict").contains("(id)=(9500)"));
            assertThat(Contents.of(m.parent)).as("nothing of the earlier batches stays").isEqualTo(parentBefore);
        }
        try (MergeScenario m = new MergeScenario(big)) {
            // only the last row of the last batch breaks it: 'qq10000'
            TestPostgres.exec(m.parent, "alter table t add constraint short_a check (length(a) < 7);");
            TestPostgres.exec(m.branch, "update t set a = 'qq' || id where id <= 10000;");
            Map<String, String> parentBefore = Contents.of(m.parent);
            assertThatThrownBy(() -> m.b.merge()).isInstanceOfSatisfying(MergeConflictException.class, e ->
                    assertThat(e.conflicts()).extracting(MergeConflict::kind).contains(MergeConflict.Kind.CONSTRAINT));
            assertThat(Contents.of(m.parent)).as("nothing of the earlier batches stays").isEqualTo(parentBefore);
        }
    }

    @Test
    void sameRowDifferentColumnsMergeCellByCellAndSameChangesAreNoConflict() {
        try (MergeScenario m = new MergeScenario(T)) {
            String same = "update t set b = 'same' where id = 8; delete from t where id = 9; insert into t values (7000, 'both', 'x');";
            m.onParent("update t set a = 'pa' where id = 7;" + same);
            m.onBranch("update t set b = 'bb' where id = 7;");
            TestPostgres.exec(m.branch, same); // the same changes on the branch: the replay has them once
            MergeResult r = m.mergeAndCheck();
            assertThat(r.rowsChanged()).isEqualTo(1); // only the cell b of row 7
        }
    }

    @Test
    void conflictsAreNamedAndNothingChanges() {
        try (MergeScenario m = new MergeScenario(T)) {
            TestPostgres.exec(m.parent, "update t set a = 'parent' where id = 1; update t set a = 'p2' where id = 2;"
                    + "delete from t where id = 3; insert into t values (9000, 'p', 'p');");
            TestPostgres.exec(m.branch, "update t set a = 'branch' where id = 1; delete from t where id = 2;"
                    + "update t set b = 'changed' where id = 3; insert into t values (9000, 'b', 'b');"
                    + "insert into t values (9001, 'fine', 'fine');");
            Map<String, String> parentBefore = Contents.of(m.parent);
            Map<String, String> branchBefore = Contents.of(m.branch);
            assertThatThrownBy(() -> m.b.merge()).isInstanceOfSatisfying(MergeConflictException.class, e -> {
                assertThat(e.getMessage()).contains("refused: 4 conflicts").contains("nothing was changed").doesNotContain("\n");
                assertThat(e.conflicts()).extracting(MergeConflict::kind).containsExactlyInAnyOrder(MergeConflict.Kind.CELL,
                        MergeConflict.Kind.DELETE_CHANGE, MergeConflict.Kind.DELETE_CHANGE, MergeConflict.Kind.INSERT_INSERT);
                assertThat(e.conflicts()).extracting(MergeConflict::describe).contains(
                        "public.t (id)=(1) column a: changed on both sides (base 'a1', parent 'parent', branch 'branch')",
                        "public.t (id)=(9000) column a: added on both sides with different values (2 columns differ) "
                                + "(base absent, parent 'p', branch 'b')");
                assertThat(e.result().applied()).isFalse();
            });
            assertThat(Contents.of(m.parent)).isEqualTo(parentBefore);
            assertThat(Contents.of(m.branch)).isEqualTo(branchBefore);
            // the base did not move: the same conflicts again
            assertThatThrownBy(() -> m.b.merge()).isInstanceOf(MergeConflictException.class);
        }
    }

    @Test
    void preferSettlesConflictsForEverythingOrPerTable() {
        try (MergeScenario m = new MergeScenario(T + "create table u(id int primary key, v text); insert into u values (1, 'base');")) {
            TestPostgres.exec(m.parent, "update t set a = 'parent' where id = 1; update u set v = 'parent' where id = 1;");
            TestPostgres.exec(m.branch, "update t set a = 'branch' where id = 1; update u set v = 'branch' where id = 1;");
            MergeResult r = m.b.merge(MergeOptions.DEFAULTS.withPrefer(MergeResolution.PARENT)
                    .withPrefer("public.u", MergeResolution.BRANCH));
            assertThat(r.conflicts()).hasSize(2);
            assertThat(r.resolved()).isEqualTo(2);
            assertThat(TestPostgresQuery.text(m.parent, "select a from t where id = 1")).isEqualTo("parent");
            assertThat(TestPostgresQuery.text(m.parent, "select v from u where id = 1")).isEqualTo("branch");
        }
    }

    @Test
    void mergingTwiceChangesNothingAndLaterWorkComesInAlone() {
        try (MergeScenario m = new MergeScenario(T)) {
            m.onParent("update t set a = 'p' where id = 100;");
            m.onBranch("update t set b = 'first' where id = 101;");
            m.mergeAndCheck();
            MergeResult again = m.b.merge();
            assertThat(again.isEmpty()).isTrue();
            assertThat(again.applied()).isTrue();
            m.onParent("update t set a = 'p2' where id = 102;");
            m.onBranch("update t set b = 'second' where id = 103; update t set b = 'first-again' where id = 101;");
            MergeResult second = m.mergeAndCheck();
            assertThat(second.rowsChanged()).isEqualTo(2);
            // the base now holds the branch's state at the first merge; both it and the parent descend from the
            // branch point, so the drift is still located, not compared in full
            assertThat(second.drift()).isNotEmpty().allSatisfy(d -> assertThat(d.locator()).doesNotStartWith("full-compare"));
            assertThat(second.drift().stream().mapToLong(d -> d.updates()).sum()).as("rows 100 and 102, the parent's own")
                    .isEqualTo(2);
        }
    }

    @Test
    void schemaChangesOnBothSidesSurviveAndRowsFollowThem() {
        try (MergeScenario m = new MergeScenario(T)) {
            m.onParent("alter table t add column p_col int; create index t_a on t(a); update t set p_col = 1 where id < 5;"
                    + "create table parent_only(id int primary key);");
            m.onBranch("alter table t add column b_col text default 'x'; create index t_b on t(b); update t set b_col = 'y' where id > 1990;"
                    + "create table branch_only(id serial primary key, v text); insert into branch_only(v) values ('one'), ('two');");
            MergeResult r = m.mergeAndCheck();
            assertThat(r.schema()).isNotEmpty();
        }
    }

    @Test
    void theSameObjectChangedDifferentlyIsAConflict() {
        try (MergeScenario m = new MergeScenario("create function f() returns int language sql as 'select 1';")) {
            TestPostgres.exec(m.parent, "create or replace function f() returns int language sql as 'select 2';");
            TestPostgres.exec(m.branch, "create or replace function f() returns int language sql as 'select 3';");
            assertThatThrownBy(() -> m.b.merge()).isInstanceOfSatisfying(MergeConflictException.class, e ->
                    assertThat(e.conflicts()).singleElement().satisfies(c -> {
                        assertThat(c.kind()).isEqualTo(MergeConflict.Kind.SCHEMA);
                        assertThat(c.object()).contains("f()");
                    }));
        }
    }

    @Test
    void aForeignKeyTheMergedDataBreaksIsAConflict() {
        try (MergeScenario m = new MergeScenario("create table p(id int primary key); create table c(id int primary key, "
                + "p int references p(id)); insert into p values (1), (2);")) {
            TestPostgres.exec(m.parent, "delete from p where id = 2;");
            TestPostgres.exec(m.branch, "insert into c values (1, 2);");
            Map<String, String> before = Contents.of(m.parent);
            assertThatThrownBy(() -> m.b.merge()).isInstanceOfSatisfying(MergeConflictException.class, e ->
                    assertThat(e.conflicts()).singleElement().satisfies(c -> {
                        assertThat(c.kind()).isEqualTo(MergeConflict.Kind.CONSTRAINT);
                        assertThat(c.describe()).contains("public.c").contains("foreign key");
                    }));
            assertThat(Contents.of(m.parent)).isEqualTo(before);
        }
    }

    @Test
    void userTriggersDoNotFireTwice() {
        String setup = T + "create table audit(n serial primary key, what text);"
                + "create function log_t() returns trigger language plpgsql as $$ begin insert into audit(what) values "
                + "(tg_op || ' ' || new.id); return new; end $$;"
                + "create trigger t_log after insert or update on t for each row execute function log_t();";
        try (MergeScenario m = new MergeScenario(setup)) {
            m.onBranch("insert into t values (8000, 'x', 'y');");
            m.mergeAndCheck();
            assertThat(TestPostgresQuery.text(m.parent, "select count(*) from audit")).isEqualTo("1");
            assertThat(TestPostgresQuery.text(m.parent, "select tgenabled from pg_trigger where tgname = 't_log'")).isEqualTo("O");
        }
    }

    @Test
    void keylessTablesMergeAsMultisets() {
        try (MergeScenario m = new MergeScenario("create table k(a int, b text); insert into k values (1, 'x'), (1, 'x'), (2, 'y');")) {
            m.onParent("insert into k values (3, 'p');");
            m.onBranch("delete from k where ctid = (select ctid from k where a = 1 limit 1); insert into k values (4, 'b');");
            m.mergeAndCheck();
        }
    }

    @Test
    void sequencesMoveForwardOnly() {
        try (MergeScenario m = new MergeScenario("create table s(id serial primary key, v text);")) {
            TestPostgres.exec(m.parent, "insert into s(v) select 'p' from generate_series(1, 5);");
            TestPostgres.exec(m.branch, "insert into s(v) select 'b' from generate_series(1, 3);"
                    + "update s set id = id + 100;");
            MergeResult r = m.b.merge();
            assertThat(r.unresolved()).isZero();
            assertThat(TestPostgresQuery.text(m.parent, "select count(*) from s")).isEqualTo("8");
            assertThat(TestPostgresQuery.text(m.parent, "select last_value from s_id_seq")).isEqualTo("5");
        }
    }

    @Test
    void dryRunReportsAndChangesNothing() {
        try (MergeScenario m = new MergeScenario(T)) {
            TestPostgres.exec(m.branch, "update t set a = 'dry' where id = 5;");
            Map<String, String> before = Contents.of(m.parent);
            MergeResult r = m.b.merge(MergeOptions.DEFAULTS.withDryRun(true));
            assertThat(r.applied()).isFalse();
            assertThat(r.sql()).contains("UPDATE ONLY \"public\".\"t\" SET \"a\" = 'dry' WHERE \"id\" = '5';");
            assertThat(Contents.of(m.parent)).isEqualTo(before);
            assertThat(m.b.merge().rowsChanged()).isEqualTo(1);
        }
    }

    @Test
    void aBranchWithoutBaseIsRefusedWithTheWayOut() {
        String parent = TestPostgres.uniqueName("nb");
        String branch = TestPostgres.uniqueName("nbb");
        TestFoldout.seed(parent, 10);
        try (var fld = TestFoldout.connect(parent, "template")) {
            var b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withBase(false));
            assertThat(b.info().base()).isEmpty();
            assertThatThrownBy(b::merge).isInstanceOf(NotSupportedException.class)
                    .hasMessageContaining("has no merge base").hasMessageContaining("getBranch(\"" + branch + "\").diff()");
            b.delete(true);
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }

    @Test
    void theBaseIsHiddenShownAndDroppedWithTheBranch() {
        try (MergeScenario m = new MergeScenario(T)) {
            var base = m.b.info().base().orElseThrow();
            assertThat(m.fld.databases()).extracting(d -> d.name()).doesNotContain(base.database());
            assertThat(TestPostgresQuery.text("postgres", "select datallowconn::text from pg_database where datname = '"
                    + base.database() + "'")).isEqualTo("false");
            m.onBranch("update t set a = 'z' where id = 1;");
            m.mergeAndCheck();
            var moved = m.b.info().base().orElseThrow();
            assertThat(moved.database()).isNotEqualTo(base.database());
            assertThat(TestPostgresQuery.text("postgres", "select count(*) from pg_database where datname = '"
                    + base.database() + "'")).isEqualTo("0");
            m.b.delete(true);
            assertThat(TestPostgresQuery.text("postgres", "select count(*) from pg_database where datname = '"
                    + moved.database() + "'")).isEqualTo("0");
        }
    }
}
