package dev.foldout.examples.boot;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The notes, through JdbcTemplate. */
@Repository
public class NotesRepository {
    private final JdbcTemplate jdbc;

    /** A repository on the application's data source. */
    public NotesRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a note; returns the number the database gave it. */
    @Transactional
    public long add(String title) {
        return jdbc.queryForObject("insert into note(title) values (?) returning id", Long.class, title);
    }

    /** Marks every note whose title starts with {@code prefix} done; returns how many changed. */
    @Transactional
    public int finish(String prefix) {
        return jdbc.update("update note set done = true where starts_with(title, ?) and not done", prefix);
    }

    /** The notes not done yet, oldest first. */
    public List<Note> open() {
        return jdbc.query("select id, title, done from note where not done order by id",
                (rs, i) -> new Note(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
    }

    /** How many notes there are. */
    public long count() {
        return jdbc.queryForObject("select count(*) from note", Long.class);
    }
}
