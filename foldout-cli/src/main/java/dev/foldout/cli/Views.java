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
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * The library names each fix as its API call (core's {@code Fixes}: {@code Foldout.databases()},
     * {@code getBranch("x").diff()}, {@code with force (CopyOptions.withForce(true))}, ...); the CLI prints its own
     * command or flag in its place.
     */
    private static final List<Map.Entry<Pattern, Function<MatchResult, String>>> API_TO_CLI = List.of(
            rule("with force \\((?:[^()]|\\([^()]*\\))*\\)", m -> "with --force"),
            rule("Foldout\\.initCatalog", m -> "'foldout init'"),
            rule("Foldout\\.databases\\(\\)", m -> "'foldout databases list'"),
            rule("Foldout\\.snapshots\\(\\)", m -> "'foldout snapshots list'"),
            rule("Foldout\\.branches\\(\\)", m -> "'foldout branches list'"),
            rule("Foldout\\.repair\\(true\\)", m -> "'foldout status --repair'"),
            rule("Foldout\\.repair\\(\\)", m -> "'foldout status'"),
            rule("Branch\\.merge\\b", m -> "'foldout merge'"),
            rule("Diff\\.apply\\(\\)", m -> "'foldout apply'"),
            rule("CopyOptions\\.withFromOtherDatabase\\(true\\)", m -> "--from-other-database"),
            rule("CopyOptions\\.withBase\\(false\\)", m -> "--no-base"),
            rule("the connection URL", m -> "--url or FLD_DATABASE"),
            rule("getBranch\\(\"([^\"]*)\"\\)\\.diff\\(\\)", m -> "'foldout diff " + m.group(1) + "'"),
            rule("Foldout\\.diff\\(\"([^\"]*)\", OTHER\\)", m -> "'foldout diff " + m.group(1) + " OTHER'"),
            rule("Foldout\\.diff\\(\"([^\"]*)\", \"([^\"]*)\"\\)", m -> "'foldout diff " + m.group(1) + " " + m.group(2) + "'"),
            rule("getBranch\\(\"([^\"]*)\"\\)\\.start\\(\\)", m -> "'foldout start " + m.group(1) + "'"),
            rule("getBranch\\(\"([^\"]*)\"\\)\\.reset\\(false\\)", m -> "'foldout reset " + m.group(1) + "'"),
            rule("getBranch\\(\"([^\"]*)\"\\)\\.delete\\(true\\)", m -> "'foldout delete-branch " + m.group(1) + "'"),
            rule("getSnapshot\\(\"([^\"]*)\"\\)\\.branch\\(NEW\\)", m -> "'foldout branch " + m.group(1) + " NEW'"),
            rule("getSnapshot\\(\"([^\"]*)\"\\)\\.delete\\(true\\)", m -> "'foldout snapshots delete " + m.group(1) + "'"));

    private static Map.Entry<Pattern, Function<MatchResult, String>> rule(String regex, Function<MatchResult, String> cli) {
        return Map.entry(Pattern.compile(regex), cli);
    }

    /** A library message as the CLI prints it: each API fix named as the CLI's command or flag. */
    public static String forCli(String message) {
        String out = message == null ? "" : message;
        for (Map.Entry<Pattern, Function<MatchResult, String>> r : API_TO_CLI) {
            out = r.getKey().matcher(out).replaceAll(m -> Matcher.quoteReplacement(r.getValue().apply(m)));
        }
        return out;
    }
}
