package dev.foldout.spring.boot;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot application with a PostgreSQL data source (Hikari) and JdbcTemplate, as the tests start it. */
@SpringBootApplication
public class AccountsApplication {
}
