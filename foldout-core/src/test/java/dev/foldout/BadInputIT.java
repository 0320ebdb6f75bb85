package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets a one-line error naming the thing and the fix, and changes nothing. */
class BadInputIT {
    private String source;
    private Foldout fld;

    @BeforeEach
    void seed() {
        source = TestPostgres.uniqueName("bad");
        TestFoldout.seed(source, 10);
        fld = TestFoldout.connect(source, "");
    }

    @AfterEach
    void cleanUp() {
        fld.close();
        TestFoldout.dropQuietly(source);
    }

    @Test
    void unknownNamesAreNamed() {
        assertThatThrownBy(() -> fld.getDatabase("no_such_db")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no_such_db").hasMessageContaining("Foldout.databases()");
        assertThatThrownBy(() -> fld.getSnapshot("no_such_snap")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no_such_snap").hasMessageContaining("Foldout.snapshots()");
        assertThatThrownBy(() -> fld.getBranch("no_such_branch")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no_such_branch");
        // one lookup convention: find* is the Optional twin of each get*
        assertThat(fld.findDatabase("no_such_db")).isEmpty();
        assertThat(fld.findSnapshot("no_such_snap")).isEmpty();
        assertThat(fld.findBranch("no_such_branch")).isEmpty();
        assertThat(fld.findDatabase(source)).map(Database::name).contains(source);
        assertThatThrownBy(() -> fld.defaultDatabase().restore("no_such_snap", CopyOptions.DEFAULTS))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no_such_snap");
        // a URL naming no database fails at connect, naming it (not at the first use of the session)
        assertThatThrownBy(() -> TestFoldout.connect("no_such_db", "")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("\"no_such_db\"").hasMessageContaining("does not exist").hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "with space", "x; drop database postgres", "semi;colon", "quote'", "-leading", "",
            "a//b", "tab\tname", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234"})
    void hostileNamesAreRefusedAndNothingIsMade(String name) {
        int before = fld.databases().size();
        assertThatThrownBy(() -> fld.branch(name)).isInstanceOf(InvalidNameException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> fld.snapshot(name)).isInstanceOf(InvalidNameException.class);
        assertThat(fld.databases()).hasSize(before);
    }

    @Test
    void aSourceWithAHostileNameIsQuotedNotPasted() {
        String hostile = "we\"ird; drop database " + source + " --";
        TestPostgres.exec("postgres", "create database \"" + hostile.replace("\"", "\"\"") + "\"");
        String b = TestPostgres.uniqueName("from_hostile");
        try {
            fld.getDatabase(hostile).branch(b);
            assertThat(fld.getBranch(b).info().parent()).isEqualTo(hostile);
            assertThat(fld.databases()).extracting(DatabaseInfo::name).contains(source, hostile, b);
        } finally {
            TestFoldout.dropQuietly(hostile, b);
        }
    }

    @Test
    void namesThatCollideAreRefused() {
        String other = TestPostgres.uniqueName("taken");
        TestPostgres.exec("postgres", "create database " + other);
        try {
            assertThatThrownBy(() -> fld.branch(source)).isInstanceOf(NameConflictException.class)
                    .hasMessageContaining(source).hasMessageContaining("another name");
            assertThatThrownBy(() -> fld.branch(other)).isInstanceOf(NameConflictException.class);
            assertThatThrownBy(() -> fld.branch("postgres")).isInstanceOf(NameConflictException.class);
            assertThatThrownBy(() -> fld.snapshot("foldout_catalog")).isInstanceOf(NameConflictException.class);
        } finally {
            TestFoldout.dropQuietly(other);
        }
    }

    @Test
    void aServerThatIsNotThereIsNamedWithHostAndPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "postgresql://postgres:secret@127.0.0.1:" + port + "/app";
        assertThatThrownBy(() -> Foldout.connect(FoldoutConfig.builder().url(url).connectTimeout(Duration.ofSeconds(2)).build()))
                .isInstanceOf(ServerUnreachableException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageNotContaining("secret");
    }

    @Test
    void aRoleWithoutCreatedbIsToldWhichRightIsMissing() {
        String role = TestPostgres.uniqueName("nocreatedb");
        TestPostgres.exec("postgres", "create role " + role + " login password 'pw'",
                "alter database " + source + " owner to " + role);
        try (Foldout weak = Foldout.connect(FoldoutConfig.builder().url(TestPostgres.url(source).toString()
                .replace("postgres:***", role + ":pw")).build())) {
            assertThatThrownBy(() -> weak.branch(TestPostgres.uniqueName("nope")))
                    .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("CREATEDB").hasMessageContaining(role);
        } finally {
            TestPostgres.exec("postgres", "alter database " + source + " owner to postgres", "drop role " + role);
        }
    }
}
