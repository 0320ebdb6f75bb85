package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.testing.Roles;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * A delete cut short after it dropped the database leaves the entry, MISSING: making a branch of that name again is
 * the repair (its author, or a role that may act as it, asks), while another role's entry still blocks the name.
 */
class StaleEntryIT {

    @Test
    void aMissingEntryOfTheSameRoleNoLongerBlocksItsName() {
        String db = TestPostgres.uniqueName("se");
        String br = TestPostgres.uniqueName("seb");
        TestFoldout.seed(db, 10);
        try (Foldout fld = TestFoldout.connect(db, "template")) {
            fld.defaultDatabase().branch(br, CopyOptions.DEFAULTS.withForce(true));
            // a delete-branch killed between dropping the database and removing the entry
            TestPostgres.exec("postgres", "drop database " + br + " with (force)");
            assertThat(fld.branches()).filteredOn(r -> r.name().equals(br)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RefStatus.MISSING));
            Branch again = fld.defaultDatabase().branch(br, CopyOptions.DEFAULTS.withForce(true));
            assertThat(fld.branches()).filteredOn(r -> r.name().equals(br)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RefStatus.OK));
            assertThat(TestFoldout.count(br)).isEqualTo(10);
            again.delete(true);
        } finally {
            TestFoldout.dropQuietly(br, db);
        }
    }

    @Test
    void anotherRolesMissingEntryStillBlocksTheName() {
        String bob = Roles.create("bob");
        String alice = Roles.create("alice");
        String bdb = TestPostgres.uniqueName("bdb");
        String adb = TestPostgres.uniqueName("adb");
        String name = TestPostgres.uniqueName("taken");
        TestFoldout.seed(bdb, 5);
        TestFoldout.seed(adb, 5);
        try {
            TestPostgres.exec("postgres", "alter database " + bdb + " owner to " + bob,
                    "alter database " + adb + " owner to " + alice);
            try (Foldout asBob = Roles.foldout(bob, bdb)) {
                asBob.defaultDatabase().branch(name, CopyOptions.DEFAULTS.withForce(true).withBase(false));
            }
            TestPostgres.exec("postgres", "drop database " + name + " with (force)");
            try (Foldout asAlice = Roles.foldout(alice, adb)) {
                assertThatThrownBy(() -> asAlice.defaultDatabase().branch(name))
                        .isInstanceOf(NameConflictException.class).hasMessageContaining("MISSING");
            }
            assertThat(TestPostgres.query("foldout_catalog", "select count(*) from foldout.refs where name = '" + name + "'"))
                    .isEqualTo("1");
        } finally {
            TestPostgres.exec("foldout_catalog", "delete from foldout.refs where name = '" + name + "'");
            TestFoldout.dropQuietly(name, adb, bdb);
            Roles.dropQuietly(alice, bob);
        }
    }
}
