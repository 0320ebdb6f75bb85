package dev.foldout;

import java.util.Objects;

/**
 * A server session connected to a database, as {@code pg_stat_activity} shows it.
 *
 * @param pid             the backend process id
 * @param user            the role it is connected as (may be empty)
 * @param applicationName its {@code application_name} (may be empty)
 * @param clientAddress   its client address, or {@code "local"} for a Unix socket
 * @param state           its state ({@code active}, {@code idle}, {@code idle in transaction}, ...)
 */
public record SessionInfo(int pid, String user, String applicationName, String clientAddress, String state) {
    /** Validates the record; null strings become empty. */
    public SessionInfo {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
        user = Objects.requireNonNullElse(user, "");
        applicationName = Objects.requireNonNullElse(applicationName, "");
        clientAddress = Objects.requireNonNullElse(clientAddress, "local");
        state = Objects.requireNonNullElse(state, "");
    }

    /** One line for a human: {@code pid 4242 (psql, user app, from 127.0.0.1, idle)}. */
    public String describe() {
        return "pid " + pid + " (" + (applicationName.isEmpty() ? "no application_name" : applicationName)
                + ", user " + (user.isEmpty() ? "?" : user) + ", from " + clientAddress
                + ", " + (state.isEmpty() ? "state unknown" : state) + ")";
    }
}
