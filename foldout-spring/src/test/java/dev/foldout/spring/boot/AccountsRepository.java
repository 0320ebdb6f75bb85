package dev.foldout.spring.boot;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The application's repository: it knows nothing of Foldout. */
@Repository
public class AccountsRepository {
    private final JdbcTemplate jdbc;

    public AccountsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many accounts there are. */
    public int count() {
        return jdbc.queryForObject("select count(*) from account", Integer.class);
    }

    /** Opens an account and takes a receipt number. */
    @Transactional
    public long open(int id, String owner) {
        jdbc.update("insert into account(id, owner) values (?, ?)", id, owner);
        return jdbc.queryForObject("select nextval('receipt_seq')", Long.class);
    }
}
