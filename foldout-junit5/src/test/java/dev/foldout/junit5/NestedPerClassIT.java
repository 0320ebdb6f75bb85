package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PER_CLASS with @Nested classes: the nested classes share the enclosing class's branch. */
class NestedPerClassIT {
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Test
    void nestedClassesShareTheEnclosingClassesBranch() {
        SEEN.clear();
        Kit.run(Outer.class).testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        assertThat(SEEN).hasSize(6).containsOnly(SEEN.get(0));
        assertThat(Kit.databases("fld_t_")).as("the shared branch is dropped once, after the enclosing class").isEmpty();
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Outer {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql")
                .scope(Scope.PER_CLASS).build();

        @FoldoutBranch
        static DataSource shared;

        @BeforeAll
        static void before(Connection c) throws SQLException {
            SEEN.add(Kit.query(c, "select current_database()"));
        }

        @Test
        @Order(1)
        void writes(Connection c) throws SQLException {
            try (var st = c.createStatement()) {
                st.execute("insert into item values (5000, 'from the enclosing class')");
            }
            SEEN.add(Kit.query(c, "select current_database()"));
        }

        @Nested
        class Inner {
            @FoldoutBranch
            static DataSource innerStatic;

            @Test
            void seesTheEnclosingClassesBranch(Connection c) throws SQLException {
                assertThat(Kit.query(c, "select name from item where id = 5000")).isEqualTo("from the enclosing class");
                SEEN.add(Kit.query(c, "select current_database()"));
                try (Connection viaOuter = shared.getConnection(); Connection viaInner = innerStatic.getConnection()) {
                    SEEN.add(Kit.query(viaOuter, "select current_database()"));
                    SEEN.add(Kit.query(viaInner, "select current_database()"));
                }
            }

            @Nested
            class Deeper {
                @Test
                void seesItToo(Connection c) throws SQLException {
                    SEEN.add(Kit.query(c, "select current_database()"));
                }
            }
        }
    }
}
