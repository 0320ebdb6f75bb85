package dev.foldout.internal.sql;

import dev.foldout.FoldoutException;
import dev.foldout.NameConflictException;
import dev.foldout.NotFoundException;
import dev.foldout.PermissionDeniedException;
import dev.foldout.ServerUnreachableException;
import dev.foldout.internal.Fixes;
import java.sql.SQLException;

/** Turns a JDBC error into the Foldout exception a caller acts on, with the resource and the fix. */
public final class SqlErrors {
    private SqlErrors() {
    }

    /**
     * Translates {@code e}, which happened while doing {@code what} (e.g. {@code creating branch "x"})
     * on the server at {@code address}.
     */
    public static FoldoutException translate(SQLException e, String what, String address) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String msg = firstLine(e.getMessage());
        if (state.startsWith("08")) {
            int sentence = msg.indexOf(". ");
            String reason = sentence > 0 ? msg.substring(0, sentence) : msg;
            return new ServerUnreachableException("cannot reach PostgreSQL at " + address + " while " + what + ": " + reason
                    + " - check that the server runs and that " + Fixes.URL + " names the right host and port", e);
        }
        switch (state) {
            case "28P01", "28000":
                return new PermissionDeniedException("PostgreSQL at " + address + " refused the login while " + what + ": "
                        + msg + " - check the user and password in " + Fixes.URL, e);
            case "42501":
                return new PermissionDeniedException("permission denied while " + what + " on " + address + ": " + msg
                        + " - connect as the database's owner or a superuser", e);
            case "3D000":
                return new NotFoundException(msg + " on " + address + " (while " + what + ")"
                        + " - " + Fixes.DATABASES + " shows the databases there", e);
            case "42P04":
                return new NameConflictException(msg + " on " + address + " (while " + what + ") - choose another name", e);
            case "55006":
                return new FoldoutException(msg + " (while " + what + " on " + address + ")"
                        + " - disconnect the other sessions or run again with force (withForce(true) in the call's options, or its force argument)", e);
            case "53100":
                return new FoldoutException("the disk of PostgreSQL at " + address + " is full while " + what + ": " + msg
                        + " - free space on the server's data volume and run again", e);
            default:
                return new FoldoutException("PostgreSQL at " + address + " failed while " + what + ": " + msg
                        + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message.strip() : message.substring(0, nl).strip();
    }
}
