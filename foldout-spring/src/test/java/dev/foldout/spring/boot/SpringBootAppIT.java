package dev.foldout.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.foldout.spring.FoldoutDatabase;
import dev.foldout.testing.TestPostgres;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * A Spring Boot application (Boot 3.5: its auto-configured Hikari data source, JdbcTemplate and transactions) under
 * {@code @SpringBootTest}: each test opens the same account and takes the same receipt number on a branch of its own,
 * the seed built by the application's Flyway migrations (classpath:db/migration), the context started once.
 */
@SpringBootTest(classes = AccountsApplication.class)
@FoldoutDatabase
class SpringBootAppIT {
    static final Set<ApplicationContext> CONTEXTS = ConcurrentHashMap.newKeySet();

    static {
        System.setProperty("foldout.junit.url", TestPostgres.url("postgres").jdbcUrlWithCredentials());
    }

    @Autowired
    AccountsRepository accounts;
    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;

    @RepeatedTest(4)
    void eachTestOpensTheSameAccountOnItsOwnBranch() {
        CONTEXTS.add(context);
        assertThat(dataSource).isNotInstanceOf(HikariDataSource.class);
        assertThat(accounts.count()).isEqualTo(200);
        assertThat(accounts.open(9000, "a test")).isEqualTo(1);
        assertThat(accounts.count()).isEqualTo(201);
    }

    @AfterAll
    static void theContextStartedOnce() {
        assertThat(CONTEXTS).hasSize(1);
    }
}
