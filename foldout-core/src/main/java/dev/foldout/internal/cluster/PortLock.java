package dev.foldout.internal.cluster;

import dev.foldout.FoldoutException;
import dev.foldout.server.FoldoutHome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * Allocates instance ports: held while a port is chosen and recorded, so that no two branches get the same one.
 * A file lock in Foldout's home serializes processes on this host; the catalog's unique port column and a bind
 * test rule out ports another branch holds or another program listens on. The range is
 * {@code -Dfoldout.instance.ports=FROM-TO} (default 55000-55999).
 */
final class PortLock implements AutoCloseable {
    private static final String RANGE_PROPERTY = "foldout.instance.ports";
    private final FileChannel channel;
    private final FileLock lock;

    private PortLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static PortLock acquire() {
        Path file = FoldoutHome.dir().resolve("instance-ports.lock");
        try {
            Files.createDirectories(file.getParent());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new PortLock(ch, ch.lock());
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new FoldoutException("could not lock " + file + " to allocate a port: " + e.getMessage()
                    + " - check that FOLDOUT_HOME (" + file.getParent() + ") is writable", e);
        }
    }

    /**
     * {@code preferred} when no catalog row holds it, it is not in {@code exclude} and nothing listens on it (a reset
     * branch keeps its port); else {@link #pick(Connection, String, Set)}.
     */
    int pick(Connection catalog, String listenAddress, Set<Integer> exclude, int preferred) throws SQLException {
        if (preferred > 0 && !exclude.contains(preferred) && !InstanceStore.ports(catalog).contains(preferred)
                && bindable(listenAddress, preferred, true)) {
            return preferred;
        }
        return pick(catalog, listenAddress, exclude);
    }

    /** A port of the range that no catalog row holds, that is not in {@code exclude}, and that nothing listens on. */
    int pick(Connection catalog, String listenAddress, Set<Integer> exclude) throws SQLException {
        int[] range = range();
        Set<Integer> taken = new HashSet<>(InstanceStore.ports(catalog));
        taken.addAll(exclude);
        for (int port = range[0]; port <= range[1]; port++) {
            if (!taken.contains(port) && bindable(listenAddress, port)) {
                return port;
            }
        }
        throw new FoldoutException("no free port for an instance branch in " + range[0] + "-" + range[1] + " ("
                + taken.size() + " held by branches, the rest in use): delete branches you no longer need, or set "
                + "-D" + RANGE_PROPERTY + "=FROM-TO");
    }

    static boolean bindable(String listenAddress, int port) {
        return bindable(listenAddress, port, false);
    }

    /**
     * Whether a server could listen on the port now. {@code reuse}: as PostgreSQL binds (SO_REUSEADDR), which
     * connections of a server just stopped (TIME_WAIT) do not stop - the port of a branch being made again.
     */
    private static boolean bindable(String listenAddress, int port, boolean reuse) {
        String host = listenAddress.equals("*") ? "0.0.0.0" : listenAddress;
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(reuse);
            s.bind(new java.net.InetSocketAddress(InetAddress.getByName(host), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int[] range() {
        String text = System.getProperty(RANGE_PROPERTY, "55000-55999");
        String[] parts = text.split("-");
        try {
            int from = Integer.parseInt(parts[0].strip());
            int to = Integer.parseInt(parts[1].strip());
            if (parts.length != 2 || from < 1024 || to > 65535 || from > to) {
                throw new NumberFormatException();
            }
            return new int[] {from, to};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("-D" + RANGE_PROPERTY + "=" + text + " is not a port range FROM-TO within 1024-65535");
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }
}
