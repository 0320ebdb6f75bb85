package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.ApplyOptions;
import dev.foldout.Branch;
import dev.foldout.Diff;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.Locator;
import dev.foldout.TableDiff;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.io.StringReader;
import java.util.List;

/**
 * One correctness scenario: a parent built by {@code setup}, a branch of it changed by {@code change}, the diff
 * applied to the parent; then parent and branch hold the same rows and schema, and a second diff is empty.
 */
final class DiffScenario {
    private DiffScenario() {
    }

    /** Runs the scenario and returns the diff that was applied. */
    static Diff run(String setup, String change, Locator locator) {
        return run(setup, locator, change);
    }

    /**
     * Runs the scenario with the branch changed by each of {@code changes} in its own transaction: on a branch with a
     * merge base (the 3-way diff, returned), then on one without (the 2-way diff).
     */
    static Diff run(String setup, Locator locator, String... changes) {
        Diff threeWay = run(setup, locator, true, changes);
        Diff twoWay = run(setup, locator, false, changes);
        // tables without changes are listed or not depending on the path (a quiet branch's diff lists none)
        assertThat(twoWay.tables().stream().filter(TableDiff::hasChanges).toList())
                .extracting(TableDiff::inserts, TableDiff::updates, TableDiff::deletes)
                .as("the 2-way diff of a parent that did not change finds what the 3-way diff finds")
                .isEqualTo(threeWay.tables().stream().filter(TableDiff::hasChanges).map(t -> org.assertj.core.groups.Tuple
                        .tuple(t.inserts(), t.updates(), t.deletes())).toList());
        return threeWay;
    }

    private static Diff run(String setup, Locator locator, boolean base, String... changes) {
        String parent = TestPostgres.uniqueName("dp");
        String branch = TestPostgres.uniqueName("db");
        TestPostgres.exec("postgres", "create database " + parent);
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            if (!setup.isBlank()) {
                TestPostgres.exec(parent, setup);
            }
            Branch b = fld.defaultDatabase().branch(branch, dev.foldout.CopyOptions.DEFAULTS.withForce(true).withBase(base));
            for (String change : changes) {
                if (!change.isBlank()) {
                    TestPostgres.exec(branch, change);
                }
            }
            Diff diff = b.diff(DiffOptions.DEFAULTS.withLocator(locator));
            String sql = diff.toSql();
            fld.apply(new StringReader(sql), ApplyOptions.DEFAULTS);
            assertThat(Contents.of(parent)).as("rows of the parent after applying\n%s", sql).isEqualTo(Contents.of(branch));
            Diff again = b.diff(DiffOptions.DEFAULTS.withLocator(locator));
            assertThat(again.isEmpty()).as("a second diff is empty, but it is\n%s\nafter applying\n%s", again.toSql(), sql).isTrue();
            b.delete(true);
            return diff;
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }

    static Diff run(String setup, String change) {
        return run(setup, change, Locator.AUTO);
    }

    static List<String> locators(Diff diff) {
        return diff.tables().stream().map(TableDiff::locator).toList();
    }
}
