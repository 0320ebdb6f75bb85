package dev.foldout.internal.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Enums (added, removed, renamed values), domains, composite types and an extension type. */
class TypesDiffIT {
    private static final String BASE = """
            CREATE TYPE mood AS ENUM ('sad', 'ok');
            CREATE TABLE person (id int PRIMARY KEY, m mood DEFAULT 'ok' CHECK (m <> 'sad' OR id > 0), history mood[]);
            CREATE INDEX person_ok ON person (id) WHERE m = 'ok';
            CREATE VIEW moods AS SELECT id, m FROM person;
            CREATE INDEX person_m ON person (m);
            INSERT INTO person VALUES (1, 'sad', '{sad,ok}');
            """;

    @Test
    void enumWithAddedValueIsUsableInTheSameTransaction() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE)) {
            rt.change("ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok'");
            SchemaDiff d = rt.apply(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO person VALUES (2, 'happy'::mood, '{happy,sad}'::mood[])");
                    st.execute("INSERT INTO person VALUES (3, 'ok'::mood, NULL)");
                }
            });
            assertThat(String.join("\n", d.preData())).doesNotContain("ADD VALUE");
            try (Connection a = TestPostgres.connect(rt.a)) {
                assertThat(SchemaDifferIT.count(a, "SELECT count(*) FROM moods WHERE m = 'happy'")).isEqualTo(1);
                assertThat(SchemaDifferIT.count(a, "SELECT count(*) FROM person WHERE m < 'happy'")).isEqualTo(2);
                assertThat(SchemaDifferIT.count(a, "SELECT count(*) FROM pg_type WHERE typname LIKE 'foldout%'")).isZero();
            }
        }
    }

    @Test
    void enumWithRemovedValueIsRebuiltAfterTheRows() throws Exception {
        try (RoundTrip rt = new RoundTrip(false, BASE)) {
            rt.change("""
                    DROP VIEW moods;
                    DROP INDEX person_ok;
                    ALTER TABLE person DROP CONSTRAINT person_check;
                    DELETE FROM person;
                    ALTER TABLE person ALTER COLUMN m DROP DEFAULT;
                    ALTER TYPE mood RENAME TO mood_old;
                    CREATE TYPE mood AS ENUM ('ok', 'great');
                    ALTER TABLE person ALTER COLUMN m TYPE mood USING NULL, ALTER COLUMN history TYPE mood[] USING NULL;
                    ALTER TABLE person ALTER COLUMN m SET DEFAULT 'ok';
                    DROP TYPE mood_old;
                    CREATE VIEW moods AS SELECT id, m FROM person;
                    ALTER TABLE person ADD CONSTRAINT person_check CHECK (m <> 'great' OR id > 0);
                    CREATE INDEX person_ok ON person (id) WHERE m = 'ok';
                    """);
            rt.apply(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("DELETE FROM person");
                    st.execute("INSERT INTO person VALUES (3, 'great', '{great}')");
                }
            });
        }
    }

    @Test
    void enumValueRenamed() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE)) {
            rt.change("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'");
            SchemaDiff d = rt.apply();
            assertThat(d.preData()).contains("ALTER TYPE \"public\".\"mood\" RENAME VALUE 'sad' TO 'blue';")
                    .noneMatch(s -> s.contains("CREATE TYPE"));
        }
    }

    @Test
    void domainsCompositesAndAnExtensionType() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, """
                CREATE DOMAIN posint AS int CHECK (VALUE > 0);
                CREATE TYPE pair AS (a int, b text);
                CREATE TABLE holder (id posint PRIMARY KEY, p pair);
                """)) {
            rt.change("""
                    CREATE EXTENSION citext;
                    CREATE DOMAIN email AS citext NOT NULL CHECK (VALUE LIKE '%@%');
                    ALTER DOMAIN posint ADD CONSTRAINT below_1000 CHECK (VALUE < 1000);
                    ALTER DOMAIN posint SET DEFAULT 1;
                    ALTER TYPE pair ADD ATTRIBUTE c date;
                    ALTER TABLE holder ADD COLUMN mail email;
                    CREATE TYPE "Odd ""type"" x" AS (x numeric);
                    """);
            rt.apply(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO holder VALUES (5, '(1,x,2024-01-02)', 'A@B.example')");
                }
            });
            try (Connection a = TestPostgres.connect(rt.a)) {
                assertThat(SchemaDifferIT.count(a, "SELECT count(*) FROM holder WHERE mail = 'a@b.EXAMPLE'")).isEqualTo(1);
            }
        }
    }
}
