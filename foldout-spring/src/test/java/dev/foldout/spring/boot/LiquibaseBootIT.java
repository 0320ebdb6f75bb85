package dev.foldout.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.spring.FoldoutDatabase;
import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot application whose schema is a Liquibase change log ({@code spring.liquibase.change-log}, Flyway switched
 * off): {@code @FoldoutDatabase} with nothing named finds the change log the way Boot would run it and builds the seed
 * with it; each test writes the same key on a branch of its own.
 */
@SpringBootTest(classes = AccountsApplication.class, properties = {"spring.flyway.enabled=false",
        "spring.liquibase.change-log=classpath:db/changelog/notes.xml"})
@FoldoutDatabase
class LiquibaseBootIT {
    static {
        System.setProperty("foldout.junit.url", TestPostgres.url("postgres").jdbcUrlWithCredentials());
    }

    @Autowired
    JdbcTemplate jdbc;

    @RepeatedTest(3)
    void eachTestSeesTheChangeLogsRowsOnItsOwnBranch() {
        assertThat(jdbc.queryForObject("select count(*) from note", Long.class)).isEqualTo(3);
        assertThat(jdbc.update("insert into note(id, body) values (100, 'mine')")).isEqualTo(1);
        assertThat(jdbc.queryForObject("select string_agg(id::text, ',' order by id) from note", String.class))
                .isEqualTo("1,2,3,100");
        assertThat(jdbc.queryForObject("select count(*) from databasechangelog", Long.class))
                .as("the change log ran into the seed, once").isEqualTo(2);
    }
}
