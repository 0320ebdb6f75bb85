package dev.foldout.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foldout.MergeConflict;
import dev.foldout.MergeResult;
import dev.foldout.TableDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A merge's plan, conflicts and drift as one JSON object, for {@code foldout merge --format json}. */
final class MergeJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MergeJson() {
    }

    static String of(MergeResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("branch", r.branch());
        m.put("parent", r.parent());
        m.put("applied", r.applied());
        m.put("rows", tables(r.tables()));
        m.put("schema", r.schema());
        List<Map<String, Object>> conflicts = new ArrayList<>();
        for (MergeConflict c : r.conflicts()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            x.put("object", c.object());
            x.put("key", c.key());
            x.put("column", c.column());
            x.put("base", c.base());
            x.put("parent", c.parent());
            x.put("branch", c.branch());
            x.put("detail", c.detail());
            conflicts.add(x);
        }
        m.put("conflicts", conflicts);
        m.put("unresolved", r.unresolved());
        m.put("drift", tables(r.drift()));
        m.put("driftSchema", r.driftSchema());
        m.put("sql", r.sql());
        m.put("millis", r.elapsed().toMillis());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getMessage(), e);
        }
    }

    private static List<Map<String, Object>> tables(List<TableDiff> tables) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TableDiff t : tables) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("table", t.schema() + "." + t.name());
            x.put("inserts", t.inserts());
            x.put("updates", t.updates());
            x.put("deletes", t.deletes());
            out.add(x);
        }
        return out;
    }
}
