package dev.foldout.internal.backend.reflink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.internal.cow.TreeClone;
import dev.foldout.internal.cow.Trees;
import dev.foldout.BackendContractIT;
import dev.foldout.BackendStatus;
import dev.foldout.CopyMethod;
import dev.foldout.DatabaseInfo;
import dev.foldout.NotSupportedException;
import dev.foldout.RefInfo;
import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.Operation;
import dev.foldout.server.OsAccount;
import dev.foldout.testing.TestFilesystems;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backend contract on the reflink backend, on a PostgreSQL 17 cluster whose data directory is on XFS
 * (the build runs this class in a JVM of its own for that), and what a template copy would have given.
 */
class ReflinkBackendIT extends BackendContractIT {

    @Override
    protected String backend() {
        return ReflinkBackend.NAME;
    }

    @BeforeEach
    void requireReflink() {
        Assumptions.assumeTrue(TestPostgres.instance().spec().binaries().majorVersion() <= 17, "the reflink backend serves "
                + "PostgreSQL 15 to 17; the build runs this class on 17 in its reflink-backend execution");
        BackendStatus status = fld.backends().stream().filter(s -> s.name().equals(backend())).findFirst().orElseThrow();
        TestFilesystems.require(status.available(), "backend reflink cannot run on the test cluster ("
                + TestPostgres.instance().spec().dataDirectory() + "): " + status.reason());
    }

    @Test
    void theBranchSharesTheSourcesExtentsAndSaysSo() {
        RefInfo info = fld.branch(name("shared")).info();
        assertThat(info.copy().method()).isEqualTo(CopyMethod.CLONE);
        assertThat(info.copy().note()).startsWith("reflink on ").contains(" shared");
        assertThat(fld.backends()).filteredOn(s -> s.name().equals("reflink")).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("FICLONE"));
    }

    @Test
    void theCatalogEntrySaysWhatATemplateCopyWould() throws SQLException {
        String role = TestPostgres.uniqueName("owner");
        TestPostgres.exec(source, "create role " + role, "create table owned(x int)", "alter table owned owner to " + role,
                "grant select on t to " + role, "vacuum freeze t");
        String b = name("entry");
        try {
            fld.defaultDatabase().branch(b, dev.foldout.CopyOptions.DEFAULTS.withBase(false)); // its objects are dropped by role below
            String columns = "encoding, datcollate, datctype, datlocprovider, datcollversion, datfrozenxid::text, datminmxid::text";
            assertThat(row(columns + " from pg_database where datname = '" + b + "'"))
                    .isEqualTo(row(columns + " from pg_database where datname = '" + source + "'"));
            assertThat(row("datallowconn, datistemplate from pg_database where datname = '" + b + "'")).containsExactly("t", "f");
            String deps = "string_agg(classid || ':' || objid || ':' || refobjid || ':' || deptype::text, ',' order by 1) "
                    + "from pg_shdepend where dbid = (select oid from pg_database where datname = '%s')";
            assertThat(row(String.format(deps, b))).isEqualTo(row(String.format(deps, source))).doesNotContainNull();
            TestPostgres.exec(source, "drop owned by " + role);
            assertThatThrownBy(() -> TestPostgres.exec("postgres", "drop role " + role))
                    .hasMessageContaining("cannot be dropped because some objects depend on it");
            try (Connection c = TestPostgres.connect(b); Statement st = c.createStatement()) {
                st.execute("drop owned by " + role);
            }
        } finally {
            TestFoldout.dropQuietly(b);
            TestPostgres.exec(source, "drop owned by " + role);
            TestPostgres.exec("postgres", "drop role if exists " + role);
        }
    }

    @Test
    void relationsInAnotherTablespaceAreClonedAndDeletedWithTheBranch() throws Exception {
        Path spcDir = ownedDirectory(TestPostgres.instance().spec().directory().resolveSibling(TestPostgres.uniqueName("spc")));
        String spc = TestPostgres.uniqueName("spc");
        String b = name("in_spc");
        TestPostgres.exec("postgres", "create tablespace " + spc + " location '" + spcDir + "'");
        try {
            TestPostgres.exec(source, "create table far(id int) tablespace " + spc, "insert into far select generate_series(1, 77)");
            fld.branch(b);
            assertThat(count(b, "far")).isEqualTo(77);
            TestPostgres.exec(b, "delete from far where id <= 7");
            assertThat(count(b, "far")).isEqualTo(70);
            assertThat(count(source, "far")).isEqualTo(77);
            String branchOid = row("oid from pg_database where datname = '" + b + "'").get(0);
            Path version;
            try (var dirs = Files.list(spcDir)) {
                version = dirs.findFirst().orElseThrow();
            }
            assertThat(version.resolve(branchOid)).isDirectory();
            fld.getBranch(b).delete(false);
            assertThat(version.resolve(branchOid)).as("nothing of the branch is left in the tablespace").doesNotExist();
        } finally {
            TestFoldout.dropQuietly(b);
            TestPostgres.exec(source, "drop table if exists far");
            TestPostgres.exec("postgres", "drop tablespace if exists " + spc);
            Trees.delete(spcDir, false);
        }
    }

    @Test
    void aCloneThatFailsHalfWayLeavesNoDatabaseAndNoFiles() throws Exception {
        Path other = ownedDirectory(Path.of("/var/tmp").resolve(TestPostgres.uniqueName("reflink-spc")));
        TestFilesystems.require(!Set.of("xfs", "btrfs", "zfs").contains(Files.getFileStore(other).type()),
                other + " is on a reflink file system: this test needs one without");
        String spc = TestPostgres.uniqueName("spc_plain");
        String b = name("half");
        TestPostgres.exec("postgres", "create tablespace " + spc + " location '" + other + "'");
        try {
            TestPostgres.exec(source, "create table elsewhere(id int) tablespace " + spc, "insert into elsewhere values (1)");
            List<String> before = baseEntries();
            assertThatThrownBy(() -> fld.branch(b)).isInstanceOf(NotSupportedException.class)
                    .hasMessageContaining("does not support reflink").hasMessageContaining("pg_tblspc/");
            assertThat(fld.databases()).extracting(DatabaseInfo::name).doesNotContain(b);
            assertThat(fld.findBranch(b)).isEmpty();
            assertThat(baseEntries()).isEqualTo(before);
            assertThat(count(source, "t")).isEqualTo(1000);
        } finally {
            TestPostgres.exec(source, "drop table if exists elsewhere");
            TestPostgres.exec("postgres", "drop tablespace if exists " + spc);
            Trees.delete(other, false);
        }
    }

    @Test
    void aCloneKilledHalfWayIsDroppedByTheNextCall() throws Exception {
        String target = name("killed");
        Path base = TestPostgres.instance().spec().dataDirectory().resolve("base");
        long targetOid;
        try (Connection dying = TestPostgres.connect("foldout_catalog"); Statement st = dying.createStatement()) {
            Journal.begin(dying, new Operation(0, Operation.Kind.BRANCH, source, target, null, null, true, null));
            st.execute("alter database " + source + " allow_connections false");
            st.execute("create database " + target + " template template0 strategy file_copy allow_connections false");
            targetOid = Long.parseLong(row("oid::text from pg_database where datname = '" + target + "'").get(0));
            long sourceOid = Long.parseLong(row("oid::text from pg_database where datname = '" + source + "'").get(0));
            dying.setAutoCommit(false);
            st.execute("alter database " + source + " rename to " + target + "_aside");
            st.execute("alter database " + target + "_aside rename to " + source);
            st.execute("checkpoint");
            Trees.delete(base.resolve(Long.toString(targetOid)), true);
            TreeClone.cloneTree(base.resolve(Long.toString(sourceOid)), base.resolve(Long.toString(targetOid)),
                    (rel, attrs) -> rel.toString().compareTo("2") < 0 ? TreeClone.Action.CLONE : TreeClone.Action.SKIP);
        } // the process dies here, in the middle of the clone: its transaction is gone, half the files are there
        assertThat(base.resolve(Long.toString(targetOid))).isDirectory();

        String next = name("after_kill");
        fld.branch(next);
        assertThat(fld.databases()).extracting(DatabaseInfo::name).doesNotContain(target).contains(next);
        assertThat(base.resolve(Long.toString(targetOid))).as("the half-made clone's files").doesNotExist();
        assertThat(count(next, "t")).isEqualTo(1000);
        assertThat(count(source, "t")).isEqualTo(1000);
    }

    private static List<String> baseEntries() throws IOException {
        try (var s = Files.list(TestPostgres.instance().spec().dataDirectory().resolve("base"))) {
            return new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private static Path ownedDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        OsAccount.forServer().takeOwnership(dir);
        return dir;
    }

    private static long count(String db, String table) throws SQLException {
        try (Connection c = TestPostgres.connect(db); Statement st = c.createStatement();
             var rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> row(String selectTail) throws SQLException {
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement();
             var rs = st.executeQuery("select " + selectTail)) {
            assertThat(rs.next()).isTrue();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getString(i));
            }
            return out;
        }
    }
}
