package dev.foldout.internal.cow;

import dev.foldout.Lsn;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A non-exclusive base backup on one connection: {@code pg_backup_start(label, fast => true)} and
 * {@code pg_backup_stop(wait_for_archive => false)} on the same session. {@link #close()} ends a backup that was
 * started and not stopped, so a failed clone never leaves the server in backup mode; idempotent.
 */
final class BackupSession implements AutoCloseable {
    private final Connection c;
    private final Lsn start;
    private boolean running = true;

    /**
     * What {@code pg_backup_stop} returned.
     *
     * @param lsn           where the backup ended
     * @param label         the {@code backup_label} file's content
     * @param tablespaceMap the {@code tablespace_map} file's content (empty: no tablespace outside the data directory)
     */
    record Stop(Lsn lsn, String label, String tablespaceMap) {
    }

    private BackupSession(Connection c, Lsn start) {
        this.c = c;
        this.start = start;
    }

    /** Starts a backup with an immediate checkpoint. */
    static BackupSession start(Connection c, String label) throws SQLException {
        String lsn = Jdbc.string(c, "select pg_backup_start(?, true)::text", label);
        return new BackupSession(c, Lsn.parse(lsn));
    }

    Lsn start() {
        return start;
    }

    /** Stops the backup without waiting for WAL archiving. */
    Stop stop() throws SQLException {
        Stop stop = Jdbc.queryOne(c, "select lsn::text, labelfile, spcmapfile from pg_backup_stop(false)",
                rs -> new Stop(Lsn.parse(rs.getString(1)), rs.getString(2), rs.getString(3) == null ? "" : rs.getString(3)))
                .orElseThrow(() -> new SQLException("pg_backup_stop returned no row"));
        running = false;
        return stop;
    }

    /** Ends the backup if it still runs; its result is discarded. */
    @Override
    public void close() throws SQLException {
        if (running) {
            running = false;
            Jdbc.queryOne(c, "select 1 from pg_backup_stop(false)", rs -> 1);
        }
    }
}
