package dev.foldout.internal.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.internal.diff.schema.ObjectChange.Action;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Tables, columns, constraints and indexes, on related (template copy) and unrelated databases. */
class SchemaDifferIT {
    private static final String BASE = """
            CREATE SCHEMA "We""ird schema";
            CREATE TABLE "We""ird schema"."Mixed Case" (id int PRIMARY KEY, "Name" text NOT NULL, n numeric(10,2));
            CREATE TABLE parent (id int PRIMARY KEY, code text UNIQUE);
            CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent(id), qty int CHECK (qty > 0));
            CREATE TABLE grandchild (id int PRIMARY KEY, child_id int REFERENCES child(id) ON DELETE CASCADE);
            CREATE TABLE old_name (id int PRIMARY KEY, old_col text, gone text NOT NULL, kept int);
            CREATE INDEX child_qty ON child (qty);
            INSERT INTO parent VALUES (1, 'a');
            """;

    @Test
    void noChangeIsEmpty() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE)) {
            SchemaDiff d = rt.diff();
            assertThat(d.isEmpty()).as("%s", d).isTrue();
            assertThat(d.tables()).extracting(TableMapping::toName)
                    .containsExactlyInAnyOrder("Mixed Case", "parent", "child", "grandchild", "old_name");
        }
    }

    @Test
    void aRepeatedCompareSeesEveryChange() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE + "CREATE SEQUENCE s;")) {
            assertThat(rt.diff().isEmpty()).isTrue();
            assertThat(rt.diff().isEmpty()).as("cached").isTrue();
            rt.change("SELECT nextval('s')");
            assertThat(rt.diff().postData()).containsExactly("SELECT pg_catalog.setval('\"public\".\"s\"'::regclass, 1, true);");
            rt.change("COMMENT ON COLUMN parent.code IS 'c'");
            assertThat(rt.diff().postData()).contains("COMMENT ON COLUMN \"public\".\"parent\".\"code\" IS 'c';");
            rt.change("BEGIN; ALTER TABLE parent ADD COLUMN x int; ROLLBACK");
            assertThat(rt.diff().preData()).isEmpty();
        }
    }

    @Test
    void renamesTypesConstraintsAndIndexesRelated() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE)) {
            rt.change("""
                    ALTER TABLE old_name RENAME TO "New ""name"" t";
                    ALTER TABLE "New ""name"" t" RENAME COLUMN old_col TO "New col";
                    ALTER TABLE "New ""name"" t" DROP COLUMN gone;
                    ALTER TABLE "New ""name"" t" ALTER COLUMN kept TYPE bigint;
                    ALTER TABLE "New ""name"" t" ADD COLUMN created timestamptz DEFAULT clock_timestamp() NOT NULL;
                    ALTER TABLE "We""ird schema"."Mixed Case" ALTER COLUMN "Name" DROP NOT NULL;
                    ALTER TABLE "We""ird schema"."Mixed Case" ALTER COLUMN n SET DEFAULT 1.5;
                    ALTER TABLE child DROP CONSTRAINT child_qty_check;
                    ALTER TABLE child ADD CONSTRAINT child_qty_check CHECK (qty >= 0);
                    ALTER TABLE parent DROP CONSTRAINT parent_pkey CASCADE;
                    ALTER TABLE parent ADD PRIMARY KEY (id, code);
                    ALTER TABLE parent ADD UNIQUE (id);
                    ALTER TABLE child ADD FOREIGN KEY (parent_id) REFERENCES parent(id);
                    DROP INDEX child_qty;
                    CREATE INDEX child_qty ON child (qty DESC) WHERE qty > 1;
                    CREATE TABLE brand_new (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, child_id int REFERENCES child(id));
                    """);
            SchemaDiff d = rt.apply(c -> {
                try (Statement st = c.createStatement()) {
                    // the rows' place: a row for the new NOT NULL column, and for the new table
                    st.execute("INSERT INTO \"New \"\"name\"\" t\" (id, \"New col\", kept, created) VALUES (9, 'x', 1, now())");
                    st.execute("INSERT INTO brand_new (id) OVERRIDING SYSTEM VALUE VALUES (5)");
                }
            });
            assertThat(String.join("\n", d.preData())).contains("RENAME TO \"New \"\"name\"\" t\"")
                    .contains("RENAME COLUMN \"old_col\" TO \"New col\"").doesNotContain("DROP TABLE");
            assertThat(d.changes()).anySatisfy(ch -> {
                assertThat(ch.kind()).isEqualTo("table");
                assertThat(ch.name()).isEqualTo("public.brand_new");
                assertThat(ch.action()).isEqualTo(Action.CREATE);
            });
            TableMapping renamed = d.tables().stream().filter(t -> t.toName().equals("New \"name\" t")).findFirst().orElseThrow();
            assertThat(renamed.fromName()).isEqualTo("old_name");
            assertThat(renamed.columns()).contains(new ColumnMapping("old_col", "New col"), new ColumnMapping(null, "created"));
            TableMapping fresh = d.tables().stream().filter(t -> t.toName().equals("brand_new")).findFirst().orElseThrow();
            assertThat(fresh.isNew()).isTrue();
        }
    }

    @Test
    void renamedSchemaMovesEverythingInIt() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE + """
                CREATE TYPE "We""ird schema".kind AS ENUM ('a');
                CREATE FUNCTION "We""ird schema".f() RETURNS int LANGUAGE sql AS 'SELECT 1';
                CREATE SEQUENCE "We""ird schema".seq;
                CREATE VIEW "We""ird schema".v AS SELECT id FROM "We""ird schema"."Mixed Case";
                """)) {
            rt.change("""
                    ALTER SCHEMA "We""ird schema" RENAME TO "Other schema";
                    ALTER TABLE "Other schema"."Mixed Case" SET SCHEMA public;
                    """);
            SchemaDiff d = rt.apply();
            assertThat(d.preData()).containsSubsequence(
                    "ALTER SCHEMA \"We\"\"ird schema\" RENAME TO \"Other schema\";",
                    "ALTER TABLE \"Other schema\".\"Mixed Case\" SET SCHEMA \"public\";");
            // the view names the moved table, so its definition text changed and it is made again; nothing else moves
            assertThat(d.changes()).extracting(ObjectChange::kind).containsOnly("schema", "table", "view");
            assertThat(String.join("\n", d.postData())).doesNotContain("DROP TABLE").doesNotContain("DROP SEQUENCE")
                    .doesNotContain("DROP TYPE").doesNotContain("DROP FUNCTION");
        }
    }

    @Test
    void unrelatedDatabasesAreMatchedByName() throws Exception {
        try (RoundTrip rt = new RoundTrip(false, BASE)) {
            rt.change("""
                    ALTER TABLE old_name RENAME TO renamed;
                    ALTER TABLE child ADD COLUMN note varchar(20) COLLATE "C";
                    DROP TABLE grandchild;
                    """);
            SchemaDiff d = rt.apply();
            assertThat(String.join("\n", d.postData())).contains("DROP TABLE IF EXISTS \"public\".\"old_name\"")
                    .contains("DROP TABLE IF EXISTS \"public\".\"grandchild\"");
            assertThat(d.preData()).anyMatch(s -> s.startsWith("CREATE TABLE \"public\".\"renamed\""));
        }
    }

    @Test
    void exclusionConstraintsAndRenamedConstraintsAndIndexes() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE + "CREATE TABLE booking (id int PRIMARY KEY, during int4range);")) {
            rt.change("""
                    ALTER TABLE booking ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);
                    ALTER TABLE child RENAME CONSTRAINT child_qty_check TO "Qty positive";
                    ALTER INDEX child_qty RENAME TO "Child qty";
                    """);
            SchemaDiff d = rt.apply();
            assertThat(d.preData()).containsExactly(
                    "ALTER INDEX \"public\".\"child_qty\" RENAME TO \"Child qty\";",
                    "ALTER TABLE \"public\".\"child\" RENAME CONSTRAINT \"child_qty_check\" TO \"Qty positive\";");
            assertThat(d.postData()).containsExactly("ALTER TABLE \"public\".\"booking\" ADD CONSTRAINT \"no_overlap\""
                    + " EXCLUDE USING gist (during WITH &&);");
        }
    }

    @Test
    void tableInheritanceIsReported() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE)) {
            rt.change("CREATE TABLE heir (extra int) INHERITS (parent)");
            assertThat(rt.diff().unsupported()).extracting(Unsupported::kind, Unsupported::name)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("table", "public.heir"));
        }
    }

    @Test
    void unsupportedKindsAreReported() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE)) {
            rt.change("CREATE RULE no_delete AS ON DELETE TO parent DO INSTEAD NOTHING;"
                    + "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC;"
                    + "CREATE STATISTICS child_stats ON parent_id, qty FROM child");
            SchemaDiff d = rt.diff();
            assertThat(d.unsupported()).extracting(Unsupported::kind, Unsupported::name).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("rule", "public.parent.no_delete"),
                    org.assertj.core.groups.Tuple.tuple("default privileges", "postgres on r"),
                    org.assertj.core.groups.Tuple.tuple("statistics object", "public.child_stats"));
            assertThat(d.isEmpty()).isFalse();
        }
    }

    static long count(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Connection connect(String db) {
        return TestPostgres.connect(db);
    }
}
