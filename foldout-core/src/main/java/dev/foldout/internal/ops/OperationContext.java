package dev.foldout.internal.ops;

import dev.foldout.ProgressListener;
import dev.foldout.ServerInfo;
import dev.foldout.spi.BackendContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;

/** The {@link BackendContext} of one operation: its own catalog connection and the session's facts. */
public record OperationContext(Connection connection, ServerInfo server, Optional<Path> dataDirectory, ProgressListener progress)
        implements BackendContext {
}
