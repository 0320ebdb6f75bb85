package dev.foldout.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** With {@code refresh = PER_CLASS}, the class's tests share one branch: the second sees the first one's row. */
@SpringJUnitConfig(FoldoutDatabaseIT.App.class)
@FoldoutDatabase(flyway = "classpath:db/migration", refresh = FoldoutDatabase.Refresh.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassIT {
    static {
        System.setProperty("foldout.junit.url", TestPostgres.url("postgres").jdbcUrlWithCredentials());
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @Order(1)
    void writes() {
        assertThat(jdbc.queryForObject("select count(*) from account", Integer.class)).isEqualTo(200);
        jdbc.update("insert into account(id, owner) values (9001, 'first test')");
    }

    @Test
    @Order(2)
    void seesTheFirstTestsRow() {
        assertThat(jdbc.queryForObject("select count(*) from account where id = 9001", Integer.class)).isEqualTo(1);
    }
}
