package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionUrlTest {

    @Test
    void parsesALibpqUri() {
        ConnectionUrl u = ConnectionUrl.parse("postgresql://alice:s%40cret@db.example:6543/app?sslmode=disable");
        assertThat(u.host()).isEqualTo("db.example");
        assertThat(u.port()).isEqualTo(6543);
        assertThat(u.database()).isEqualTo("app");
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("s@cret");
        assertThat(u.params()).containsEntry("sslmode", "disable");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/app?sslmode=disable");
    }

    @Test
    void parsesAJdbcUrlWithCredentialsInParameters() {
        ConnectionUrl u = ConnectionUrl.parse("jdbc:postgresql://localhost/app?user=postgres&password=pw");
        assertThat(u.port()).isEqualTo(5432);
        assertThat(u.user()).isEqualTo("postgres");
        assertThat(u.password()).isEqualTo("pw");
        assertThat(u.params()).isEmpty();
    }

    @Test
    void defaultsLikeLibpq() {
        ConnectionUrl u = ConnectionUrl.parse("postgres://bob@");
        assertThat(u.host()).isEqualTo("localhost");
        assertThat(u.database()).isEqualTo("bob");
        assertThat(ConnectionUrl.parse("postgresql://[::1]:5433/x").host()).isEqualTo("::1");
        assertThat(ConnectionUrl.parse("postgresql://[::1]:5433/x").address()).isEqualTo("[::1]:5433");
    }

    @Test
    void neverShowsThePassword() {
        ConnectionUrl u = ConnectionUrl.parse("postgresql://alice:topsecret@h:1/d");
        assertThat(u.toString()).doesNotContain("topsecret").contains("alice:***@h:1/d");
        assertThatThrownBy(() -> ConnectionUrl.parse("mysql://alice:topsecret@h/d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("topsecret").hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> ConnectionUrl.parse("postgresql://alice:topsecret@h:99999/d"))
                .hasMessageNotContaining("topsecret").hasMessageContaining("99999");
    }

    @Test
    void refusesSeveralHostsAndBadPorts() {
        assertThatThrownBy(() -> ConnectionUrl.parse("postgresql://a:1,b:2/d")).hasMessageContaining("several hosts");
        assertThatThrownBy(() -> ConnectionUrl.parse("postgresql://a:x/d")).hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> ConnectionUrl.parse(" ")).hasMessageContaining("no database URL");
    }

    @Test
    void pointsAtAnotherDatabaseWithTheSameCredentials() {
        ConnectionUrl u = ConnectionUrl.parse("postgresql://alice:pw@h:1/d").withDatabase("feature/x");
        assertThat(u.database()).isEqualTo("feature/x");
        assertThat(u.password()).isEqualTo("pw");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/feature%2Fx");
        assertThat(u.jdbcUrlWithCredentials()).isEqualTo("jdbc:postgresql://h:1/feature%2Fx?user=alice&password=pw");
    }
}
