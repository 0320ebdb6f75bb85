package dev.foldout.internal.diff.schema;

import dev.foldout.internal.diff.schema.ObjectChange.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects statements with their section and phase; statements of the same phase keep the order they were
 * added in. Phases are the dependency order: schemas before types before tables, constraints after rows.
 */
final class Plan {
    // pre-data phases
    static final int PRE_SETUP = 0;
    static final int PRE_DROP_VIEW = 10;
    static final int PRE_DROP_TRIGGER = 20;
    static final int PRE_DROP_POLICY = 21;
    static final int PRE_DROP_FK = 22;
    static final int PRE_DROP_CONSTRAINT = 23;
    static final int PRE_DROP_INDEX = 24;
    static final int PRE_DROP_FUNCTION = 25;
    static final int PRE_DETACH = 26;
    static final int PRE_RENAME_SCHEMA = 29;
    static final int PRE_CREATE_SCHEMA = 30;
    static final int PRE_RENAME = 40;
    static final int PRE_EXTENSION = 50;
    static final int PRE_TYPE = 60;
    static final int PRE_SEQUENCE = 70;
    static final int PRE_FUNCTION = 80;
    static final int PRE_TABLE = 90;
    static final int PRE_ATTACH = 95;
    static final int PRE_COLUMN = 100;
    static final int PRE_ENUM_COLUMN = 101;
    // post-data phases: drops of relations and columns first, so that their index and constraint names are free
    static final int POST_DROP_VIEW = 1;
    static final int POST_DROP_COLUMN = 2;
    static final int POST_DROP_TABLE = 3;
    static final int POST_ENUM = 5;
    static final int POST_DEFAULT = 10;
    static final int POST_NOT_NULL = 20;
    static final int POST_IDENTITY = 25;
    static final int POST_PRIMARY_KEY = 30;
    static final int POST_CONSTRAINT = 31;
    static final int POST_FOREIGN_KEY = 35;
    static final int POST_INDEX = 40;
    static final int POST_SEQUENCE = 45;
    static final int POST_SETVAL = 46;
    static final int POST_TRIGGER = 50;
    static final int POST_VIEW = 60;
    /** Indexes of materialized views and triggers of views, once the views exist. */
    static final int POST_ON_VIEW = 61;
    static final int POST_RLS = 70;
    static final int POST_POLICY = 71;
    static final int POST_DROP_SEQUENCE = 82;
    static final int POST_DROP_FUNCTION = 83;
    static final int POST_DROP_TYPE = 84;
    static final int POST_DROP_EXTENSION = 85;
    static final int POST_DROP_SCHEMA = 86;
    static final int POST_OWNER = 89;
    static final int POST_COMMENT = 90;
    static final int POST_GRANT = 95;

    private record Entry(boolean post, int phase, int seq, String kind, String name, Action action, String sql) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void pre(int phase, String kind, String name, Action action, String sql) {
        entries.add(new Entry(false, phase, entries.size(), kind, name, action, sql));
    }

    void post(int phase, String kind, String name, Action action, String sql) {
        entries.add(new Entry(true, phase, entries.size(), kind, name, action, sql));
    }

    List<String> preData() {
        return section(false);
    }

    List<String> postData() {
        return section(true);
    }

    private List<String> section(boolean post) {
        return sorted().stream().filter(e -> e.post == post).map(Entry::sql).toList();
    }

    private List<Entry> sorted() {
        List<Entry> out = new ArrayList<>(entries);
        out.sort(Comparator.comparing(Entry::post).thenComparingInt(Entry::phase).thenComparingInt(Entry::seq));
        return out;
    }

    /** The statements grouped per object; CREATE or DROP wins over ALTER when an object has several. */
    List<ObjectChange> changes() {
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry e : sorted()) {
            groups.computeIfAbsent(e.kind + '\0' + e.name, k -> new ArrayList<>()).add(e);
        }
        List<ObjectChange> out = new ArrayList<>();
        for (List<Entry> g : groups.values()) {
            Action action = g.stream().map(Entry::action).filter(a -> a != Action.ALTER).findFirst().orElse(Action.ALTER);
            out.add(new ObjectChange(g.get(0).kind, g.get(0).name, action, g.stream().map(Entry::sql).toList()));
        }
        return out;
    }
}
