package dev.foldout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.foldout.RefInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints snapshots and branches as a table or as JSON. */
public final class Views {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Views() {
    }

    /** Prints entries as a table (or a note when there are none). */
    public static void table(PrintWriter out, List<RefInfo> refs, String noun) {
        if (refs.isEmpty()) {
            out.println("no " + noun + " yet");
            return;
        }
        out.printf("%-28s %-20s %-9s %-8s %-10s %-20s %s%n", "NAME", "PARENT", "BACKEND", "STATUS", "COPY", "CREATED", "MESSAGE");
        for (RefInfo r : refs) {
            out.printf("%-28s %-20s %-9s %-8s %-10s %-20s %s%n", r.name(), r.parent(), r.backend(), r.status(),
                    r.copy().method().name().toLowerCase(Locale.ROOT) + " " + r.copy().elapsed().toMillis() + "ms",
                    r.createdAt().toString().substring(0, 19).replace('T', ' '), r.message());
        }
    }

    /** Prints databases as a JSON array: name, OID, size in bytes, whether they take connections, what Foldout made. */
    public static void databasesJson(PrintWriter out, List<dev.foldout.DatabaseInfo> databases) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (dev.foldout.DatabaseInfo d : databases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", d.name());
            m.put("oid", d.oid());
            m.put("sizeBytes", d.sizeBytes());
            m.put("allowsConnections", d.allowsConnections());
            m.put("foldout", d.ref().map(k -> k.name().toLowerCase(Locale.ROOT)).orElse(null));
            rows.add(m);
        }
        write(out, rows);
    }

    /** Prints entries as a JSON array. */
    public static void json(PrintWriter out, List<RefInfo> refs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RefInfo r : refs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
            m.put("parent", r.parent());
            m.put("backend", r.backend());
            m.put("status", r.status().name().toLowerCase(Locale.ROOT));
            m.put("lsn", r.lsn().toString());
            m.put("createdAt", r.createdAt().toString());
            m.put("message", r.message());
            m.put("copyMethod", r.copy().method().name().toLowerCase(Locale.ROOT));
            m.put("copyMillis", r.copy().elapsed().toNanos() / 1_000_000.0);
            m.put("copyNote", r.copy().note());
            r.base().ifPresent(b -> {
                Map<String, Object> base = new LinkedHashMap<>();
                base.put("database", b.database());
                base.put("layout", b.layout().name().toLowerCase(Locale.ROOT));
                base.put("copyMethod", b.copy().method().name().toLowerCase(Locale.ROOT));
                base.put("copyMillis", b.copy().elapsed().toNanos() / 1_000_000.0);
                m.put("base", base);
            });
            rows.add(m);
        }
        write(out, rows);
    }

    private static void write(PrintWriter out, Object rows) {
        try {
            out.println(JSON.writeValueAsString(rows));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getMessage(), e);
        }
    }

    /** "with force (CopyOptions.withForce(true))" and the like: the library names its API's fix, the CLI its flag. */
    private static final java.util.regex.Pattern API_FORCE =
            java.util.regex.Pattern.compile("with force \\((?:[^()]|\\([^()]*\\))*\\)");

    /** A library message as the CLI prints it: the API's force options named as {@code --force}. */
    static String forCli(String message) {
        return message == null ? "" : API_FORCE.matcher(message).replaceAll("with --force");
    }
}
