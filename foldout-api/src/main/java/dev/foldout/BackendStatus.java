package dev.foldout;

import java.util.Objects;

/**
 * A backend and whether it can run against the connected server.
 *
 * @param name      the backend's name, e.g. {@code template}
 * @param available whether it can run here
 * @param reason    why it cannot run, or what it will do when it can
 */
public record BackendStatus(String name, boolean available, String reason) {
    /** Validates the record. */
    public BackendStatus {
        Objects.requireNonNull(name, "name");
        reason = Objects.requireNonNullElse(reason, "");
    }
}
