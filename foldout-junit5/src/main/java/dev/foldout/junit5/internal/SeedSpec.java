package dev.foldout.junit5.internal;

import dev.foldout.junit5.Seeder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a seed is made of: class path SQL scripts, run in order, then an optional seeder with the version its
 * user gave - on an empty database, or on a copy of the seed below it (a layer: schema, then reference data, then a
 * class's own rows). {@link #key()} hashes the scripts, the seeder's class name and its version, and the key of the
 * layer below, so an unchanged seed is found again under the same name, two different seeders never share one, and a
 * layer is built again exactly when it or a layer below changed. The version stands for what the seeder does: it must
 * change whenever that changes (the class name stays the same).
 *
 * @param scripts       class path resource names of the scripts
 * @param seeder        run after the scripts, if present
 * @param seederVersion the seeder's version, part of the key
 * @param below         the seed this one is built on, if any
 */
public record SeedSpec(List<String> scripts, Optional<Seeder> seeder, String seederVersion, Optional<SeedSpec> below) {
    private static final String KEY_VERSION = "foldout-junit5 seed v1";

    /** Validates the record. */
    public SeedSpec {
        scripts = List.copyOf(scripts);
        Objects.requireNonNull(seeder, "seeder");
        Objects.requireNonNull(seederVersion, "seederVersion");
        Objects.requireNonNull(below, "below");
        if (seeder.isPresent() && seederVersion.isBlank() && seeder.get().contentKey().isEmpty()) {
            throw new IllegalArgumentException("a seeder needs a version string (e.g. \"v1\" or your migrations' "
                    + "latest version): the seed is kept under a key made of it and rebuilt only when it changes");
        }
    }

    /** A seed built on an empty database. */
    public SeedSpec(List<String> scripts, Optional<Seeder> seeder, String seederVersion) {
        this(scripts, seeder, seederVersion, Optional.empty());
    }

    /** Reads each script from the class path, in order: name to text. */
    public Map<String, byte[]> load() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : scripts) {
            out.put(name, read(name));
        }
        return out;
    }

    /** Checks that every script of this layer and those below is on the class path. */
    public void requireScripts() {
        below.ifPresent(SeedSpec::requireScripts);
        for (String name : scripts) {
            if (loader().getResource(strip(name)) == null) {
                throw new IllegalArgumentException("seed script " + name + " is not on the class path - put it under "
                        + "src/test/resources (e.g. src/test/resources/" + strip(name) + ") or fix the name");
            }
        }
    }

    /**
     * A hash of the scripts' names and bytes, the seeder's class name and version, and the key of the layer below:
     * 16 hex digits.
     */
    public String key() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, KEY_VERSION);
            below.ifPresent(b -> update(md, "on " + b.key()));
            for (Map.Entry<String, byte[]> e : load().entrySet()) {
                update(md, "script " + e.getKey());
                md.update(e.getValue());
            }
            if (seeder.isPresent()) {
                update(md, "seeder " + seederName(seeder.get().getClass()));
                update(md, "version " + seederVersion);
                seeder.get().contentKey().ifPresent(k -> update(md, "content " + k));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * A seeder's class name, the same in every JVM: a lambda's hidden class is named by the class it is written in
     * (its per-JVM suffix dropped), so two lambdas of one class need different versions.
     */
    public static String seederName(Class<?> c) {
        String n = c.getName();
        int lambda = n.indexOf("$$Lambda");
        return lambda < 0 ? n : n.substring(0, lambda + "$$Lambda".length());
    }

    private static void update(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) ':');
        md.update(b);
    }

    private static byte[] read(String name) {
        try (InputStream in = loader().getResourceAsStream(strip(name))) {
            if (in == null) {
                throw new IllegalArgumentException("seed script " + name + " is not on the class path - put it under "
                        + "src/test/resources or fix the name");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed script " + name + " from the class path", e);
        }
    }

    private static String strip(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : SeedSpec.class.getClassLoader();
    }
}
