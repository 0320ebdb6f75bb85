package dev.foldout.internal.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Identifiers;
import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** Row-level security and policies, grants to a role, comments. */
class SecurityDiffIT {
    @Test
    void rlsPoliciesGrantsAndComments() throws Exception {
        String role = TestPostgres.uniqueName("Sd role");
        String r = Identifiers.quote(role);
        TestPostgres.exec("postgres", "CREATE ROLE " + r);
        try (RoundTrip rt = new RoundTrip(true, """
                CREATE SCHEMA app;
                CREATE TABLE app.doc (id int PRIMARY KEY, owner name, body text);
                CREATE SEQUENCE app.ticket;
                CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
                CREATE POLICY mine ON app.doc USING (owner = current_user);
                ALTER TABLE app.doc ENABLE ROW LEVEL SECURITY;
                COMMENT ON TABLE app.doc IS 'documents';
                """)) {
            rt.change("ALTER TABLE app.doc FORCE ROW LEVEL SECURITY;"
                    + "DROP POLICY mine ON app.doc;"
                    + "CREATE POLICY mine ON app.doc FOR SELECT TO " + r + " USING (owner = current_user OR body IS NULL);"
                    + "CREATE POLICY writers ON app.doc AS RESTRICTIVE FOR INSERT WITH CHECK (body <> '');"
                    + "GRANT USAGE ON SCHEMA app TO " + r + ";"
                    + "GRANT SELECT, UPDATE (body) ON app.doc TO " + r + ";"
                    + "GRANT INSERT ON app.doc TO " + r + " WITH GRANT OPTION;"
                    + "GRANT USAGE ON SEQUENCE app.ticket TO " + r + ";"
                    + "REVOKE EXECUTE ON FUNCTION app.f() FROM PUBLIC;"
                    + "COMMENT ON TABLE app.doc IS 'the ''documents''';"
                    + "COMMENT ON COLUMN app.doc.body IS 'text';"
                    + "COMMENT ON SCHEMA app IS 'application';"
                    + "COMMENT ON POLICY writers ON app.doc IS 'no empty bodies';"
                    + "COMMENT ON CONSTRAINT doc_pkey ON app.doc IS 'key';"
                    + "COMMENT ON FUNCTION app.f() IS 'one';"
                    + "ALTER FUNCTION app.f() OWNER TO " + r + ";"
                    + "CREATE TABLE app.owned (id serial); ALTER TABLE app.owned OWNER TO " + r + ";"
                    + "CREATE VIEW app.v AS SELECT 1 AS one; ALTER VIEW app.v OWNER TO " + r + ";");
            SchemaDiff d = rt.apply();
            assertThat(d.postData()).contains("REVOKE EXECUTE ON FUNCTION \"app\".\"f\"() FROM PUBLIC;",
                    "GRANT INSERT ON TABLE \"app\".\"doc\" TO " + r + " WITH GRANT OPTION;",
                    "COMMENT ON TABLE \"app\".\"doc\" IS 'the ''documents''';",
                    "ALTER TABLE \"app\".\"owned\" OWNER TO " + r + ";",
                    "ALTER VIEW \"app\".\"v\" OWNER TO " + r + ";");
        } finally {
            TestPostgres.exec("postgres", "DROP ROLE IF EXISTS " + r);
        }
    }
}
