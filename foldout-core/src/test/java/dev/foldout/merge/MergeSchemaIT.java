package dev.foldout.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.MergeConflict;
import dev.foldout.MergeConflictException;
import dev.foldout.NotFoundException;
import dev.foldout.testing.TestPostgres;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Schema objects of every kind added on both sides, drops against writes, a random workload, a base gone. */
class MergeSchemaIT {
    private static final String T = "create table t(id int primary key, a text, b text);"
            + "insert into t select g, 'a' || g, 'b' || g from generate_series(1, 1000) g;";

    @Test
    void objectsOfEveryKindAddedOnEachSideAllSurvive() {
        // the parent's trigger fires on updates, which the branch does not make: a merge fires no trigger (as in Dolt)
        String parent = "create type mood_p as enum ('ok', 'meh'); create view v_p as select id from t where id < 10;"
                + "create function f_p() returns int language sql as 'select 1';"
                + "create table audit_p(n int); create function trg_p() returns trigger language plpgsql as "
                + "$$ begin insert into audit_p values (1); return new; end $$;"
                + "create trigger t_p after update on t for each row execute function trg_p();"
                + "alter table t enable row level security; create policy pol_p on t using (true);"
                + "create sequence s_p; alter table t add constraint a_not_empty check (a <> '');";
        String branch = "create type mood_b as enum ('up', 'down'); create view v_b as select id from t where id > 990;"
                + "create function f_b() returns int language sql as 'select 2';"
                + "create index t_b_idx on t(b); create policy pol_b on t using (id > 0);"
                + "create sequence s_b; select nextval('s_b'); alter table t add constraint b_not_empty check (b <> '');"
                + "insert into t values (2000, 'x', 'y');";
        try (MergeScenario m = new MergeScenario(T)) {
            m.onParent(parent);
            m.onBranch(branch);
            m.mergeAndCheck();
        }
    }

    @Test
    void aColumnDroppedOnOneSideAndWrittenOnTheOtherIsAConflict() {
        try (MergeScenario m = new MergeScenario(T)) {
            TestPostgres.exec(m.parent, "alter table t drop column b;");
            TestPostgres.exec(m.branch, "update t set b = 'written' where id = 5;");
            assertThatThrownBy(() -> m.b.merge()).isInstanceOfSatisfying(MergeConflictException.class, e ->
                    assertThat(e.conflicts()).anySatisfy(c -> {
                        assertThat(c.kind()).isEqualTo(MergeConflict.Kind.DROPPED);
                        assertThat(c.describe()).contains("public.t (id)=(5) column b: column dropped on the parent");
                    }));
        }
        try (MergeScenario m = new MergeScenario(T)) {
            TestPostgres.exec(m.parent, "update t set b = 'written' where id = 5;");
            TestPostgres.exec(m.branch, "alter table t drop column b;");
            assertThatThrownBy(() -> m.b.merge()).isInstanceOfSatisfying(MergeConflictException.class, e ->
                    assertThat(e.conflicts()).singleElement().satisfies(c ->
                            assertThat(c.describe()).contains("public.t column b: column dropped on the branch, written on the parent")));
        }
    }

    @Test
    void aTableDroppedOnOneSideAndWrittenOnTheOtherIsAConflict() {
        try (MergeScenario m = new MergeScenario(T)) {
            TestPostgres.exec(m.parent, "drop table t;");
            TestPostgres.exec(m.branch, "delete from t where id = 1;");
            assertThatThrownBy(() -> m.b.merge()).isInstanceOfSatisfying(MergeConflictException.class, e ->
                    assertThat(e.conflicts()).anySatisfy(c ->
                            assertThat(c.describe()).contains("table dropped on the parent, its rows changed on the branch")));
        }
        try (MergeScenario m = new MergeScenario(T)) {
            TestPostgres.exec(m.parent, "insert into t values (5000, 'p', 'p');");
            TestPostgres.exec(m.branch, "drop table t;");
            assertThatThrownBy(() -> m.b.merge()).isInstanceOfSatisfying(MergeConflictException.class, e ->
                    assertThat(e.conflicts()).anySatisfy(c ->
                            assertThat(c.describe()).contains("table dropped on the branch, its rows changed on the parent")));
        }
    }

    @Test
    void aSeededRandomWorkloadOnBothSidesWithoutConflictsMergesExactly() {
        String setup = T + "create table k(x int, y text); insert into k select g % 30, 'k' || (g % 7) from generate_series(1, 300) g;"
                + "create table c(a int, b text, v int, primary key (a, b)); insert into c select g % 40, 'c' || g, g "
                + "from generate_series(1, 800) g;";
        try (MergeScenario m = new MergeScenario(setup)) {
            m.onParent(workload(new Random(11), 0));
            m.onBranch(workload(new Random(12), 1));
            m.mergeAndCheck();
            m.onParent(workload(new Random(13), 0));
            m.onBranch(workload(new Random(14), 1));
            m.mergeAndCheck();
        }
    }

    /** Operations on the rows of one parity ({@code side}), so that the two sides never touch the same row. */
    private static String workload(Random random, int side) {
        StringJoiner work = new StringJoiner(";\n", "", ";");
        for (int i = 0; i < 150; i++) {
            int id = random.nextInt(500) * 2 + side;
            switch (random.nextInt(6)) {
                case 0 -> work.add("insert into t values (" + (10_000 + id * 1000 + i) + ", 'ins', 'x') on conflict do nothing");
                case 1 -> work.add("update t set a = 'u" + i + "' where id = " + id);
                case 2 -> work.add("delete from t where id = " + id);
                case 3 -> work.add("update c set v = v + 1 where a = " + (id % 40) + " and b like 'c%'"
                        + " and a % 2 = " + side);
                case 4 -> work.add("insert into k values (" + (100 + side) + ", 'r" + i + "')");
                default -> work.add("delete from c where a = " + (id % 40) + " and a % 2 = " + side + " and v % 3 = 0");
            }
        }
        return work.toString();
    }

    @Test
    void aBranchWhoseBaseIsGoneSaysSo() {
        try (MergeScenario m = new MergeScenario(T)) {
            String base = m.b.info().base().orElseThrow().database();
            TestPostgres.exec("postgres", "drop database " + base);
            assertThatThrownBy(() -> m.b.merge()).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("merge base of branch \"" + m.branch + "\" is gone").hasMessageNotContaining("\n");
            assertThat(m.b.diff().mode()).isEqualTo(dev.foldout.DiffMode.TWO_WAY);
        }
    }
}
