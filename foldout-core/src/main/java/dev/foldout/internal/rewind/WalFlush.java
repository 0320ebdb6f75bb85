package dev.foldout.internal.rewind;

/**
 * One statement that makes the server flush all the WAL written so far: in its own transaction it takes a transaction
 * ID, writes a logical message (a record that changes nothing: a transaction that wrote no WAL is committed without a
 * flush) and turns {@code synchronous_commit} on for itself (a server or role may default to off), so its commit
 * waits for the flush of everything before it. Run in auto-commit.
 */
public final class WalFlush {
    /** The statement; it returns one text column. */
    public static final String SQL = "select set_config('synchronous_commit', 'on', true) || pg_current_xact_id()::text "
            + "|| pg_logical_emit_message(false, 'foldout', '')::text";

    private WalFlush() {
    }
}
