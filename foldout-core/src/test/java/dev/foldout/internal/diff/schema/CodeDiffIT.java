package dev.foldout.internal.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** Views, materialized views, functions, procedures and triggers. */
class CodeDiffIT {
    private static final String BASE = """
            CREATE TABLE account (id int PRIMARY KEY, balance int, owner text);
            CREATE VIEW rich AS SELECT id, balance FROM account WHERE balance > 100;
            CREATE VIEW very_rich AS SELECT id FROM rich WHERE balance > 1000;
            CREATE VIEW owners AS SELECT DISTINCT owner FROM account;
            CREATE MATERIALIZED VIEW totals AS SELECT sum(balance) AS total FROM account;
            CREATE FUNCTION bump(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;
            CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.owner := lower(NEW.owner); RETURN NEW; END $$;
            CREATE TRIGGER account_audit BEFORE INSERT ON account FOR EACH ROW EXECUTE FUNCTION audit();
            INSERT INTO account VALUES (1, 500, 'ann');
            """;

    @Test
    void viewsOnAChangedColumnAndCode() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE)) {
            rt.change("""
                    DROP VIEW very_rich; DROP VIEW rich; DROP MATERIALIZED VIEW totals;
                    ALTER TABLE account ALTER COLUMN balance TYPE bigint;
                    CREATE VIEW rich AS SELECT id, balance FROM account WHERE balance > 100;
                    CREATE VIEW very_rich AS SELECT id FROM rich WHERE balance > 1000;
                    CREATE MATERIALIZED VIEW totals AS SELECT sum(balance) AS total, count(*) AS n FROM account;
                    CREATE UNIQUE INDEX totals_one ON totals (total);
                    CREATE OR REPLACE FUNCTION bump(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + 2 $$;
                    CREATE FUNCTION "Twice"(x int, y int DEFAULT 1) RETURNS int LANGUAGE sql AS $$ SELECT x * 2 * y $$;
                    CREATE PROCEDURE reset_all() LANGUAGE sql AS $$ UPDATE account SET balance = 0 $$;
                    ALTER TABLE account ADD COLUMN doubled int GENERATED ALWAYS AS (bump(id)) STORED;
                    CREATE TRIGGER account_audit_upd BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION audit();
                    ALTER TABLE account DISABLE TRIGGER account_audit;
                    COMMENT ON COLUMN rich.balance IS 'cents';
                    COMMENT ON COLUMN owners.owner IS 'who';
                    ALTER VIEW owners ALTER COLUMN owner SET DEFAULT 'nobody';
                    """);
            SchemaDiff d = rt.apply();
            assertThat(String.join("\n", d.preData())).contains("DROP VIEW IF EXISTS \"public\".\"very_rich\"")
                    .doesNotContain("DROP VIEW IF EXISTS \"public\".\"owners\"");
            try (Connection a = TestPostgres.connect(rt.a)) {
                assertThat(SchemaDifferIT.count(a, "SELECT count(*) FROM rich")).isEqualTo(1);
                assertThat(SchemaDifferIT.count(a, "SELECT bump(1)")).isEqualTo(3);
                assertThat(SchemaDifferIT.count(a, "SELECT n FROM totals")).isEqualTo(1);
            }
        }
    }

    @Test
    void functionSignatureChangeAndDrops() throws Exception {
        try (RoundTrip rt = new RoundTrip(true, BASE)) {
            rt.change("""
                    DROP TRIGGER account_audit ON account;
                    DROP FUNCTION audit();
                    DROP VIEW owners;
                    ALTER VIEW very_rich RENAME TO "Very rich";
                    ALTER FUNCTION bump(int) RENAME TO bump2;
                    DROP FUNCTION bump2(int);
                    CREATE FUNCTION bump2(x int) RETURNS bigint LANGUAGE sql AS $$ SELECT x + 5 $$;
                    """);
            SchemaDiff d = rt.apply();
            assertThat(String.join("\n", d.preData())).contains("ALTER VIEW \"public\".\"very_rich\" RENAME TO \"Very rich\"");
        }
    }
}
