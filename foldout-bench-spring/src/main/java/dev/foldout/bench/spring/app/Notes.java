package dev.foldout.bench.spring.app;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The notes, through JdbcTemplate: what the benchmark's tests write and read. */
@Repository
public class Notes {
    private final JdbcTemplate jdbc;

    /** A repository on the application's data source. */
    public Notes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a note under a key of the caller's choosing; a key already taken fails. */
    @Transactional
    public void add(long id, String author, String body) {
        jdbc.update("insert into note(id, author, body) values (?, ?, ?)", id, author, body);
    }

    /** Replaces the body of note {@code id}; returns how many rows changed. */
    @Transactional
    public int rewrite(long id, String body) {
        return jdbc.update("update note set body = ?, written = now() where id = ?", body, id);
    }

    /** The notes with keys from {@code from} to {@code to}, in key order. */
    public List<Note> between(long from, long to) {
        return jdbc.query("select id, author, body from note where id between ? and ? order by id",
                (rs, i) -> new Note(rs.getLong(1), rs.getString(2), rs.getString(3)), from, to);
    }

    /** How many notes whose body starts with {@code prefix} have a key from {@code from} to {@code to}, or key 0. */
    public long countStartingWith(String prefix, long from, long to) {
        return jdbc.queryForObject("select count(*) from note where starts_with(body, ?) and (id between ? and ? or id = 0)",
                Long.class, prefix, from, to);
    }

    /** Waits {@code ms} milliseconds in the server, as a test's own work would. */
    public void work(long ms) {
        jdbc.execute("select pg_sleep(" + ms / 1000.0 + ")");
    }

    /** The server's version, data directory, fsync setting and this database's size in bytes, for the report. */
    public String serverFacts() {
        return jdbc.queryForObject("select version() || '|' || current_setting('data_directory') || '|fsync ' "
                + "|| current_setting('fsync') || '|' || pg_database_size(current_database())", String.class);
    }
}
