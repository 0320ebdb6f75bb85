package dev.foldout.examples.boot;

/**
 * A note.
 *
 * @param id    its number, given by the database
 * @param title its title
 * @param done  whether it is done
 */
public record Note(long id, String title, boolean done) {
}
