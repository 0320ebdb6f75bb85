package dev.foldout.internal.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.internal.diff.schema.Acl.Grant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclTest {
    @Test
    void parsesGranteesPublicQuotedNamesAndGrantOptions() {
        assertThat(Acl.parse(List.of("postgres=arwdDxtm/postgres", "=r/postgres", "\"We\"\"ird one\"=a*w/postgres"),
                "postgres")).containsExactly(
                new Grant("", "SELECT", false),
                new Grant("We\"ird one", "INSERT", true),
                new Grant("We\"ird one", "UPDATE", false));
    }

    @Test
    void rejectsAnUnknownPrivilegeLetter() {
        assertThatThrownBy(() -> Acl.parse(List.of("bob=?/postgres"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'?'");
    }

    @Test
    void revokesWhatGoesAndGrantsWhatComes() {
        List<String> sql = Acl.statements(Acl.parse(List.of("bob=rw/o", "=X/o"), null),
                Acl.parse(List.of("bob=r*/o", "eve=U/o"), null), "TABLE \"s\".\"t\"", "");
        assertThat(sql).containsExactly(
                "REVOKE EXECUTE ON TABLE \"s\".\"t\" FROM PUBLIC;",
                "REVOKE SELECT, UPDATE ON TABLE \"s\".\"t\" FROM \"bob\";",
                "GRANT SELECT ON TABLE \"s\".\"t\" TO \"bob\" WITH GRANT OPTION;",
                "GRANT USAGE ON TABLE \"s\".\"t\" TO \"eve\";");
    }

    @Test
    void columnPrivilegesNameTheColumn() {
        assertThat(Acl.statements(Acl.parse(List.of(), null), Acl.parse(List.of("bob=rw/o"), null), "TABLE \"t\"",
                " (\"c\")")).containsExactly("GRANT SELECT (\"c\"), UPDATE (\"c\") ON TABLE \"t\" TO \"bob\";");
    }
}
