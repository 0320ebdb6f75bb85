package dev.foldout.internal.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.server.OsAccount;
import dev.foldout.Identifiers;
import dev.foldout.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Partitioned tables and partitions, unlogged tables, a custom tablespace. */
class StorageDiffIT {
    private static final String BASE = """
            CREATE TABLE measure (id int, at date NOT NULL, v numeric, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE measure_2024 PARTITION OF measure FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE loose (id int PRIMARY KEY);
            CREATE TABLE scratch (id int);
            INSERT INTO measure VALUES (1, '2024-03-01', 1.5);
            """;

    @Test
    void partitionsAndUnlogged() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE)) {
            rt.change("""
                    CREATE TABLE measure_2025 PARTITION OF measure FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                    CREATE TABLE measure_rest PARTITION OF measure DEFAULT;
                    ALTER TABLE measure ADD COLUMN note text;
                    CREATE INDEX measure_v ON measure (v);
                    ALTER TABLE scratch SET UNLOGGED;
                    CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v text) WITH (fillfactor = 70);
                    """);
            SchemaDiff d = rt.apply(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO measure VALUES (2, '2025-06-01', 2, 'new partition')");
                }
            });
            assertThat(d.tables()).extracting(TableMapping::toName).contains("measure", "cache")
                    .doesNotContain("measure_2024", "measure_2025");
            try (Connection a = TestPostgres.connect(rt.a)) {
                assertThat(SchemaDifferIT.count(a, "SELECT count(*) FROM measure_2025")).isEqualTo(1);
                assertThat(SchemaDifferIT.count(a, "SELECT count(*) FROM pg_class WHERE relname = 'scratch'"
                        + " AND relpersistence = 'u'")).isEqualTo(1);
            }
        }
    }

    @Test
    void replicaIdentityAndColumnSettings() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE + "CREATE TABLE doc (id int NOT NULL, body text);"
                + "ALTER TABLE doc ALTER COLUMN body SET STORAGE EXTERNAL;")) {
            rt.change("""
                    ALTER TABLE loose REPLICA IDENTITY FULL;
                    CREATE UNIQUE INDEX doc_id ON doc (id);
                    ALTER TABLE doc REPLICA IDENTITY USING INDEX doc_id;
                    ALTER TABLE doc ALTER COLUMN body SET STORAGE DEFAULT;
                    ALTER TABLE doc ALTER COLUMN body SET COMPRESSION pglz;
                    ALTER TABLE doc ALTER COLUMN id SET STATISTICS 500;
                    CREATE TABLE keyless (a int, b text STORAGE MAIN) ;
                    ALTER TABLE keyless REPLICA IDENTITY FULL;
                    """);
            SchemaDiff d = rt.apply();
            assertThat(d.postData()).contains("ALTER TABLE \"public\".\"doc\" REPLICA IDENTITY USING INDEX \"doc_id\";",
                    "ALTER TABLE \"public\".\"loose\" REPLICA IDENTITY FULL;");
        }
    }

    @Test
    void tableAttachedAsPartitionAndTablespace() throws Exception {
        String ts = TestPostgres.uniqueName("sd_ts");
        Path dir = TestPostgres.instance().spec().directory().resolve(ts);
        Files.createDirectories(dir);
        OsAccount account = OsAccount.forServer();
        if (account.switches()) {
            account.takeOwnership(dir);
        }
        TestPostgres.exec("postgres", "CREATE TABLESPACE " + Identifiers.quote(ts) + " LOCATION '" + dir + "'");
        try (RoundTrip rt = new RoundTrip(true, BASE)) {
            rt.change("CREATE TABLE measure_old (id int NOT NULL, at date NOT NULL, v numeric);"
                    + "ALTER TABLE measure ATTACH PARTITION measure_old FOR VALUES FROM ('2000-01-01') TO ('2024-01-01');"
                    + "ALTER TABLE loose SET TABLESPACE " + Identifiers.quote(ts) + ";"
                    + "CREATE TABLE spaced (id int) TABLESPACE " + Identifiers.quote(ts) + ";"
                    + "CREATE INDEX spaced_id ON spaced (id) TABLESPACE " + Identifiers.quote(ts) + ";");
            SchemaDiff d = rt.apply();
            assertThat(String.join("\n", d.preData())).contains("SET TABLESPACE " + Identifiers.quote(ts));
        } finally {
            TestPostgres.exec("postgres", "DROP TABLESPACE IF EXISTS " + Identifiers.quote(ts));
        }
    }
}
