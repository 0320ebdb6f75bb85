package dev.foldout.junit5.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files of migration locations, as a migration tool would find them ({@code classpath:db/migration}, a bare
 * {@code db/migration} meaning the same, or {@code filesystem:/path}), hashed into one key: every file's path under
 * its location and its bytes. A migration added, renamed or changed changes the key; nothing else does.
 */
public final class MigrationFiles {
    private MigrationFiles() {
    }

    /** The key of the files under {@code locations}, with {@code tool} (name and version) hashed in: 16 hex digits. */
    public static String key(String tool, String... locations) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("tool " + tool + "\n").getBytes(StandardCharsets.UTF_8));
            for (String location : locations) {
                Map<String, byte[]> files = files(location);
                if (files.isEmpty()) {
                    throw new IllegalArgumentException("no migrations under " + location + ": put them there (for "
                            + "classpath: locations under src/test/resources or src/main/resources) or fix the location");
                }
                md.update(("location " + location + "\n").getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    md.update(("file " + f.getKey() + " " + f.getValue().length + "\n").getBytes(StandardCharsets.UTF_8));
                    md.update(f.getValue());
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Every file under {@code location}: its path relative to the location, sorted, to its bytes. */
    public static Map<String, byte[]> files(String location) {
        Map<String, byte[]> out = new TreeMap<>();
        try {
            if (location.startsWith("filesystem:")) {
                addTree(Path.of(location.substring("filesystem:".length())), out);
                return out;
            }
            String dir = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            dir = dir.replaceAll("^/+", "").replaceAll("/+$", "");
            ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : MigrationFiles.class.getClassLoader();
            Enumeration<URL> roots = cl.getResources(dir);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    addTree(Path.of(root.toURI()), out);
                } else if ("jar".equals(root.getProtocol())) {
                    addJar(root, dir, out);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the migrations under " + location + ": " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot read the migrations under " + location + ": " + e.getMessage(), e);
        }
    }

    private static void addTree(Path root, Map<String, byte[]> out) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
    }

    private static void addJar(URL root, String dir, Map<String, byte[]> out) throws IOException {
        JarURLConnection conn = (JarURLConnection) root.openConnection();
        conn.setUseCaches(false);
        try (JarFile jar = new JarFile(Path.of(URI.create(conn.getJarFileURL().toString())).toFile())) {
            String prefix = dir + "/";
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        out.put(entry.getName().substring(prefix.length()), in.readAllBytes());
                    }
                }
            }
        }
    }
}
