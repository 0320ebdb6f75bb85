package dev.foldout.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.spring.FoldoutDatabase;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application's own test: {@code @FoldoutDatabase} gives its data source a fresh branch of the database its Flyway
 * migrations built (made once, kept while the migrations are unchanged) for every test, on the embedded PostgreSQL
 * when no server is named; the Spring context starts once. So every test sees the migrated 1,000 notes, whatever the
 * test before it wrote, and the identity column gives the same next number each time.
 */
@SpringBootTest(classes = NotesApplication.class)
@FoldoutDatabase
class NotesRepositoryIT {
    @Autowired
    NotesRepository notes;

    @RepeatedTest(3)
    void eachTestStartsFromTheMigratedNotes() {
        assertThat(notes.count()).isEqualTo(1000);
        assertThat(notes.add("written by a test")).as("the next identity value, every time").isEqualTo(1001);
        assertThat(notes.count()).isEqualTo(1001);
    }

    @Test
    void finishingNotesChangesOnlyThisTestsBranch() {
        assertThat(notes.open()).hasSize(900);
        // note 1, 10-19, 100-199 and 1000: 112 titles, of which 12 are done already (every tenth)
        assertThat(notes.finish("note 1")).isEqualTo(100);
        assertThat(notes.open()).hasSize(800);
    }
}
