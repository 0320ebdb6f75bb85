package dev.foldout.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a running server's {@code postmaster.pid} says: its process, its port, its first Unix-socket directory and its
 * first listen address (the file's lines 1, 4, 5 and 6).
 *
 * @param pid             the postmaster's process id
 * @param port            the port it listens on
 * @param socketDirectory its first Unix-socket directory, if it has one
 * @param listenAddress   its first listen address ({@code *} for all), empty when it listens on no TCP address
 */
public record PostmasterPid(long pid, int port, Optional<Path> socketDirectory, String listenAddress) {

    /** The file in {@code dataDirectory}, if there is one and it is whole (a starting server writes it in steps). */
    public static Optional<PostmasterPid> read(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            if (lines.size() < 4) {
                return Optional.empty();
            }
            String socketDir = lines.size() > 4 ? lines.get(4).strip() : "";
            return Optional.of(new PostmasterPid(Long.parseLong(lines.get(0).strip()), Integer.parseInt(lines.get(3).strip()),
                    socketDir.isEmpty() ? Optional.empty() : Optional.of(Path.of(socketDir)),
                    lines.size() > 5 ? lines.get(5).strip() : ""));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The server's socket file, if it has a socket directory and the file is there. */
    public Optional<Path> socketFile() {
        return socketDirectory.map(d -> d.resolve(".s.PGSQL." + port)).filter(Files::exists);
    }

    /** The address to reach its TCP port at: its first listen address, or 127.0.0.1 when it listens on all. */
    public String host() {
        return listenAddress.isEmpty() || listenAddress.equals("*") ? "127.0.0.1" : listenAddress;
    }

    /**
     * Whether the process is a live postgres that accepts connections where the file says: on its socket when it has
     * one and lets this process in, else on the port at {@link #host()}. A stale file (a reused pid, a server gone)
     * answers false.
     */
    public boolean answers() {
        boolean alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().command()).map(c -> c.endsWith("postgres")).orElse(false);
        if (!alive) {
            return false;
        }
        Optional<Path> socket = socketFile();
        if (socket.isPresent()) {
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                probe.connect(UnixDomainSocketAddress.of(socket.get()));
                return true;
            } catch (IOException | RuntimeException e) {
                // not this way (this process may not enter the directory): TCP then
            }
        }
        try {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(host(), port), 200);
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
