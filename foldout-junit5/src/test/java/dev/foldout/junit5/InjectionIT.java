package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Injection kinds, per-test isolation and per-class sharing, run through the Jupiter engine. */
class InjectionIT {
    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static final List<Connection> HANDED_OUT = new CopyOnWriteArrayList<>();

    @Test
    void everyKindOfInjectionReachesTheTestsOwnBranchOfTheSeed() throws SQLException {
        SEEN.clear();
        HANDED_OUT.clear();
        EngineExecutionResults r = Kit.run(EachTestOwnBranch.class);
        r.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        // one test after another: a branch may come back, undone, to a later test (UndoneBranchIT)
        assertThat(SEEN).hasSize(3).allMatch(n -> n.startsWith("fld_t_"));
        assertThat(HANDED_OUT).hasSize(4);
        for (Connection c : HANDED_OUT) {
            assertThat(c.isClosed()).as("a connection handed to a test is closed after it").isTrue();
        }
        assertThat(Kit.databases("fld_t_")).as("every branch of the run is dropped at its end").isEmpty();
    }

    @Test
    void aPerClassBranchIsSharedByTheTestsOfTheClass() {
        SEEN.clear();
        EngineExecutionResults r = Kit.run(OneBranchPerClass.class);
        r.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN).hasSize(3).containsOnly(SEEN.get(0));
        assertThat(Kit.databases("fld_t_")).isEmpty();
    }

    @Test
    void fieldsDeclaredInASuperclassAreInjectedToo() {
        SEEN.clear();
        Kit.run(InheritedFieldsPerTestScope.class, InheritedFieldsPerClassScope.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN).hasSize(3).allMatch(n -> n.startsWith("fld_t_"));
        assertThat(Kit.databases("fld_t_")).isEmpty();
    }

    /** Fields a test class inherits. */
    abstract static class BranchFields {
        @FoldoutBranch
        protected DataSource inherited;
        @FoldoutBranch
        protected String inheritedUrl;

        void record() throws SQLException {
            try (Connection a = inherited.getConnection(); Connection b = DriverManager.getConnection(inheritedUrl)) {
                String name = Kit.query(a, "select current_database()");
                assertThat(Kit.query(b, "select current_database()")).isEqualTo(name);
                SEEN.add(name);
            }
        }
    }

    static class InheritedFieldsPerTestScope extends BranchFields {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql").build();

        @Test
        void seesItsBranchThroughTheSuperclassFields() throws SQLException {
            record();
        }
    }

    /** A static field two levels up, for PER_CLASS. */
    abstract static class StaticBranchField extends BranchFields {
        @FoldoutBranch
        protected static Connection inheritedStatic;
    }

    static class InheritedFieldsPerClassScope extends StaticBranchField {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql")
                .scope(Scope.PER_CLASS).build();

        @Test
        void seesTheClassBranchThroughTheSuperclassFields() throws SQLException {
            record();
            String name = Kit.query(inheritedStatic, "select current_database()");
            assertThat(SEEN).as("the static field holds the class's branch").contains(name);
            SEEN.add(name);
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class EachTestOwnBranch {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql").build();

        @FoldoutBranch
        DataSource fieldDataSource;
        @FoldoutBranch
        Connection fieldConnection;
        @FoldoutBranch
        String fieldUrl;

        @Test
        @Order(1)
        void parametersAndFieldsAreTheSameBranch(DataSource ds, Connection c, @FoldoutBranch String url)
                throws SQLException, InterruptedException {
            String name = Kit.query(c, "select current_database()");
            try (Connection viaDs = ds.getConnection(); Connection viaUrl = DriverManager.getConnection(url);
                 Connection viaFieldDs = fieldDataSource.getConnection(); Connection viaFieldUrl = DriverManager.getConnection(fieldUrl)) {
                for (Connection other : List.of(viaDs, viaUrl, viaFieldDs, viaFieldUrl, fieldConnection)) {
                    assertThat(Kit.query(other, "select current_database()")).isEqualTo(name);
                }
            }
            assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("101");
            assertThat(Kit.query(c, "select item_label(i) from item i where id = 1000")).isEqualTo("1000: a 'quoted' name; with a semicolon;");
            Thread.sleep(300); // time for a pool that would make too many
            assertThat(Integer.parseInt(Kit.query(c, "select count(*) from pg_database where datname ~ '^fld_t_[0-9a-f]{8}_[0-9]+$'")))
                    .as("this test's branch and at most poolSize (2) more").isLessThanOrEqualTo(3);
            SEEN.add(name);
            HANDED_OUT.add(c);
            HANDED_OUT.add(fieldConnection);
            HANDED_OUT.add(fieldDataSource.getConnection()); // left open on purpose: the extension closes it
        }

        @Test
        @Order(2)
        void aWriteOfOneTest(Connection c) throws SQLException {
            try (var st = c.createStatement()) {
                st.execute("delete from item");
            }
            SEEN.add(Kit.query(c, "select current_database()"));
            HANDED_OUT.add(c);
        }

        @Test
        @Order(3)
        void isNotSeenByTheNext(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("101");
            SEEN.add(Kit.query(c, "select current_database()"));
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class OneBranchPerClass {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql")
                .scope(Scope.PER_CLASS).build();

        @FoldoutBranch
        static DataSource shared;

        @org.junit.jupiter.api.BeforeAll
        static void before(Connection c) throws SQLException {
            SEEN.add(Kit.query(c, "select current_database()"));
        }

        @Test
        @Order(1)
        void writes(Connection c) throws SQLException {
            try (var st = c.createStatement()) {
                st.execute("insert into item values (5000, 'from the first test')");
            }
            SEEN.add(Kit.query(c, "select current_database()"));
        }

        @Test
        @Order(2)
        void seesTheWriteOfTheFirst() throws SQLException {
            try (Connection c = shared.getConnection()) {
                assertThat(Kit.query(c, "select name from item where id = 5000")).isEqualTo("from the first test");
                SEEN.add(Kit.query(c, "select current_database()"));
            }
        }
    }
}
