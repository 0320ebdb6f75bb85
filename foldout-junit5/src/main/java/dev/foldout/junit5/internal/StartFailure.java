package dev.foldout.junit5.internal;

import dev.foldout.FoldoutException;
import dev.foldout.NotFoundException;
import dev.foldout.PermissionDeniedException;
import dev.foldout.ServerUnreachableException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Turns a failure at the start of a run into one line that names the server (password masked), where its URL
 * came from and what to change for the test run - instead of the library's advice, which speaks to CLI users.
 */
final class StartFailure {
    private StartFailure() {
    }

    /** A failure to connect to {@code database}: every cause the server gave gets a message of its own. */
    static RuntimeException connecting(RuntimeException e, ServerChoice server, String database) {
        Optional<SQLException> sql = sqlCause(e);
        if (sql.isEmpty()) {
            return e;
        }
        RuntimeException known = known(sql.get(), server, database);
        if (known != null) {
            return known;
        }
        String state = sql.get().getSQLState() == null ? "" : " (SQLSTATE " + sql.get().getSQLState() + ")";
        return new FoldoutException("foldout-junit5 cannot connect to PostgreSQL at " + server.url() + " (url from "
                + server.origin() + "): " + firstLine(sql.get().getMessage()) + state + " - " + server.setting(), sql.get());
    }

    /** A failure later in the start: only a lost server or a refused login is worded anew, the rest says enough. */
    static RuntimeException during(RuntimeException e, ServerChoice server) {
        Optional<SQLException> sql = sqlCause(e);
        RuntimeException known = sql.isPresent() ? known(sql.get(), server, null) : null;
        return known != null ? known : e;
    }

    private static RuntimeException known(SQLException sql, ServerChoice server, String database) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String where = server.url() + " (url from " + server.origin() + ")";
        if (state.startsWith("08")) {
            return new ServerUnreachableException("foldout-junit5 cannot reach PostgreSQL at " + where + ": "
                    + firstSentence(firstLine(sql.getMessage())) + " - start the server, or " + server.setting(), sql);
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new PermissionDeniedException("foldout-junit5 cannot log in to PostgreSQL at " + where + ": "
                    + firstLine(sql.getMessage()) + " - " + server.setting() + " with a user and password the server "
                    + "accepts", sql);
        }
        if (state.equals("3D000") && database != null) {
            return new NotFoundException("foldout-junit5 cannot log in to database \"" + database + "\" of PostgreSQL at "
                    + where + ": it does not exist - " + server.setting() + " to name one that exists (the extension only "
                    + "connects to it; postgres usually exists)", sql);
        }
        return null;
    }

    private static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The first line of a message (server messages carry detail and hint lines). */
    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message.strip() : message.substring(0, nl).strip();
    }

    private static String firstSentence(String line) {
        int end = line.indexOf(". ");
        return end > 0 ? line.substring(0, end) : line;
    }
}
