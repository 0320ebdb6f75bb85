package dev.foldout.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.TestPostgres;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Spring test context whose data source is the application's own bean: each test method gets a fresh branch of the
 * seed Flyway built from the project's migrations, the context is built once, and a test-managed transaction runs on
 * the test's branch. Every test writes the same key and takes the same sequence value.
 */
@SpringJUnitConfig(FoldoutDatabaseIT.App.class)
@FoldoutDatabase
class FoldoutDatabaseIT {
    static final Set<ApplicationContext> CONTEXTS = ConcurrentHashMap.newKeySet();
    static final Set<String> BRANCHES = ConcurrentHashMap.newKeySet();

    static {
        System.setProperty("foldout.junit.url", TestPostgres.url("postgres").jdbcUrlWithCredentials());
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;

    @RepeatedTest(3)
    void eachTestStartsFromTheSeed() {
        startsFromTheSeedAndWrites();
    }

    @Test
    @Transactional
    void aTestManagedTransactionRunsOnTheTestsBranch() {
        startsFromTheSeedAndWrites();
    }

    @Test
    void theApplicationsDataSourceBeanServesTheBranch() {
        assertThat(dataSource.toString()).contains("foldout-spring data source (bean dataSource, serving branch fld_t_");
        startsFromTheSeedAndWrites();
    }

    private void startsFromTheSeedAndWrites() {
        CONTEXTS.add(context);
        BRANCHES.add(jdbc.queryForObject("select current_database()", String.class));
        assertThat(jdbc.queryForObject("select count(*) from account", Integer.class)).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from account where id = 9000", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select nextval('receipt_seq')", Long.class)).isEqualTo(1);
        jdbc.update("insert into account(id, owner) values (9000, 'this test')");
        jdbc.update("update account set balance = 0 where id <= 10");
    }

    @AfterAll
    static void oneContextAndABranchPerTest() {
        assertThat(CONTEXTS).as("the context was built once").hasSize(1);
        // each test ran on a branch equal to the seed (asserted in the test); a used one is undone and served again
        assertThat(BRANCHES).as("the branches the 5 tests ran on").isNotEmpty().hasSizeLessThanOrEqualTo(5)
                .allMatch(b -> b.startsWith("fld_t_"));
    }

    /** The application: a data source bean of its own (which foldout-spring replaces), JdbcTemplate, transactions. */
    @Configuration
    static class App {
        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource("jdbc:postgresql://localhost:1/the_apps_own_database");
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        DataSourceTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }
    }
}
