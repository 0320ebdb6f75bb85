package dev.foldout.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResult;
import dev.foldout.diff.Contents;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.util.function.Function;

/**
 * One merge: a parent built by {@code setup}, a branch of it; the parent changed by {@code parentChange} and the
 * branch by {@code branchChange}; the branch merged. A third database, a copy of the parent made before the branch,
 * replays both changes (the parent's, then the branch's): after the merge the parent must equal it, rows and schema.
 */
final class MergeScenario implements AutoCloseable {
    final String parent = TestPostgres.uniqueName("mp");
    final String branch = TestPostgres.uniqueName("mb");
    final String expected = TestPostgres.uniqueName("me");
    final Foldout fld;
    final Branch b;

    MergeScenario(String setup) {
        TestPostgres.exec("postgres", "create database " + parent);
        fld = TestFoldout.connect(parent, "template");
        if (!setup.isBlank()) {
            TestPostgres.exec(parent, setup);
        }
        TestPostgres.exec("postgres", "create database " + expected + " template " + parent);
        b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withForce(true));
    }

    /** Changes the parent (and the replay). */
    MergeScenario onParent(String sql) {
        TestPostgres.exec(parent, sql);
        TestPostgres.exec(expected, sql);
        return this;
    }

    /** Changes the branch (and the replay). */
    MergeScenario onBranch(String sql) {
        TestPostgres.exec(branch, sql);
        TestPostgres.exec(expected, sql);
        return this;
    }

    /** Merges with the defaults and checks the parent against the replay. */
    MergeResult mergeAndCheck() {
        return mergeAndCheck(o -> o);
    }

    /** Merges with options and checks the parent against the replay. */
    MergeResult mergeAndCheck(Function<MergeOptions, MergeOptions> options) {
        MergeResult r = b.merge(options.apply(MergeOptions.DEFAULTS));
        assertThat(r.unresolved()).as("conflicts: %s", r.conflicts()).isZero();
        assertThat(r.applied()).isTrue();
        assertEqualsReplay();
        return r;
    }

    /** The parent holds what the replay holds: the same rows, and no schema difference. */
    void assertEqualsReplay() {
        assertThat(Contents.of(parent)).isEqualTo(Contents.of(expected));
        var diff = fld.diff(expected, parent, DiffOptions.DEFAULTS);
        assertThat(diff.isEmpty()).as("the parent differs from the replay:\n%s", diff.toSql()).isTrue();
    }

    @Override
    public void close() {
        try {
            b.delete(true);
        } catch (RuntimeException ignored) {
            // the test may have deleted it
        }
        fld.close();
        TestFoldout.dropQuietly(branch, parent, expected);
    }
}
