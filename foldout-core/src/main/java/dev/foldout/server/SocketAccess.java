package dev.foldout.server;

import dev.foldout.FoldoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who may connect through a server's Unix-domain socket, and without a password ({@link ServerSpec#unixSocket()}):
 * the superuser, when the connecting process runs as the server's OS account or as the account that made the socket
 * (root, for a server it runs through {@code runuser}). The socket's directory is that account's, mode 0700, and
 * {@code pg_hba.conf}'s first line sends socket connections to peer authentication with the map {@code foldout} in
 * {@code pg_ident.conf}; any other OS user, or another role, is refused there and logs in over TCP with a password.
 */
final class SocketAccess {
    static final String MAP = "foldout";
    private static final String MARK = "# written by Foldout:";
    private static final String HBA_RULE = MARK + " socket connections of the OS accounts in map " + MAP
            + " (pg_ident.conf)\nlocal all all peer map=" + MAP + "\n";
    private static final int SOCKET_PATH_MAX = 107; // bytes of a socket's path, the kernel's sun_path less its NUL

    private SocketAccess() {
    }

    /**
     * Makes the socket's directory and writes the rules; false, and the server listens on TCP only, when the spec
     * wants no socket or its path is too long for one or holds characters the setting would have to quote.
     */
    static boolean prepare(ServerSpec spec) {
        Path dir = spec.socketDirectory();
        String path = dir.toString();
        if (!spec.unixSocket() || path.length() + "/.s.PGSQL.65535".length() > SOCKET_PATH_MAX
                || !path.matches("[A-Za-z0-9/._+@~-]+")) {
            return false;
        }
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            spec.account().takeOwnership(dir);
            Path data = spec.dataDirectory();
            String hba = Files.readString(data.resolve("pg_hba.conf"), StandardCharsets.UTF_8);
            String rules = HBA_RULE + withoutOwnRule(hba);
            if (!rules.equals(hba)) {
                replace(spec, data.resolve("pg_hba.conf"), rules);
            }
            String ident = Files.readString(data.resolve("pg_ident.conf"), StandardCharsets.UTF_8);
            StringBuilder more = new StringBuilder();
            for (String account : accounts(spec)) {
                String line = MAP + " " + account + " " + spec.superuser();
                if (!ident.lines().anyMatch(line::equals)) {
                    more.append(line).append('\n');
                }
            }
            if (more.length() > 0) {
                replace(spec, data.resolve("pg_ident.conf"), ident + (ident.endsWith("\n") ? "" : "\n")
                        + MARK + " the OS accounts that connect through the socket as the superuser\n" + more);
            }
            return true;
        } catch (IOException e) {
            throw new FoldoutException("could not prepare the socket directory " + dir + " or the access rules in "
                    + spec.dataDirectory() + ": " + e.getMessage() + " - check that the directory is writable", e);
        }
    }

    /** The server's OS account and this process's, which made the socket (the same but when it runs as root). */
    private static Set<String> accounts(ServerSpec spec) {
        Set<String> accounts = new LinkedHashSet<>();
        accounts.add(spec.account().name());
        String self = System.getProperty("user.name", "");
        if (self.matches("[A-Za-z0-9._-]+")) {
            accounts.add(self);
        }
        return accounts;
    }

    /** {@code pg_hba.conf} without the rule an earlier start put first (with its comment). */
    private static String withoutOwnRule(String hba) {
        String rest = hba;
        while (rest.startsWith(MARK)) {
            int comment = rest.indexOf('\n');
            int rule = comment < 0 ? -1 : rest.indexOf('\n', comment + 1);
            rest = rule < 0 ? "" : rest.substring(rule + 1);
        }
        return rest;
    }

    /** Writes {@code file} whole or not at all (a new file, then a rename), keeping it the server account's, 0600. */
    private static void replace(ServerSpec spec, Path file, String text) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".foldout-new");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
        spec.account().takeOwnership(next);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
