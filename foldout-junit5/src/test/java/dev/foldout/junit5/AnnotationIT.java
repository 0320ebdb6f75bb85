package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The annotation form, with the server from the system property, scripts and a seeder class. */
class AnnotationIT {

    @Test
    void annotatedClassesGetBranchesOfTheirSeed() {
        System.setProperty("foldout.junit.url", Kit.url());
        try {
            Kit.run(Annotated.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        } finally {
            System.clearProperty("foldout.junit.url");
        }
        assertThat(Kit.databases("fld_t_")).isEmpty();
    }

    /** Adds one row after the scripts. */
    public static class AddsRow implements Seeder {
        @Override
        public void seed(DataSource ds) throws SQLException {
            try (Connection c = ds.getConnection(); var st = c.createStatement()) {
                st.execute("insert into item values (4000, 'from AddsRow')");
            }
        }
    }

    @FoldoutTest(seed = {"db/schema.sql", "db/more.sql"}, seeder = AddsRow.class, seederVersion = "1", scope = Scope.PER_TEST)
    static class Annotated {
        @FoldoutBranch
        DataSource db;

        @Test
        void seesScriptsAndSeeder(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select count(*) from item where id in (2000, 4000)")).isEqualTo("2");
        }

        @Nested
        class Inner {
            @Test
            void nestedClassesUseTheEnclosingAnnotation() throws SQLException {
                try (Connection c = db.getConnection()) {
                    assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("103");
                }
            }
        }
    }
}
