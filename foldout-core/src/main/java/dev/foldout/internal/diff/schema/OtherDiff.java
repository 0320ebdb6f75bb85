package dev.foldout.internal.diff.schema;

import dev.foldout.internal.diff.schema.Model.Other;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Objects of kinds the diff does not turn into DDL (rules, publications, operators, …): reported when they differ. */
final class OtherDiff {
    private OtherDiff() {
    }

    static void diff(Ctx ctx) {
        Map<String, Other> from = index(ctx.from);
        Map<String, Other> to = index(ctx.to);
        for (Map.Entry<String, Other> e : to.entrySet()) {
            Other t = e.getValue();
            Other f = from.get(e.getKey());
            if (f == null) {
                ctx.unsupported(t.kind(), t.name(), "exists only on the desired side; the diff does not cover "
                        + t.kind() + "s: create it by hand");
            } else if (!Objects.equals(f.def(), t.def())) {
                ctx.unsupported(t.kind(), t.name(), "differs between the two sides; the diff does not cover "
                        + t.kind() + "s: change it by hand");
            }
        }
        for (Map.Entry<String, Other> e : from.entrySet()) {
            if (!to.containsKey(e.getKey())) {
                Other f = e.getValue();
                ctx.unsupported(f.kind(), f.name(), "exists only on the current side; the diff does not cover "
                        + f.kind() + "s: drop it by hand");
            }
        }
    }

    private static Map<String, Other> index(Catalog cat) {
        Map<String, Other> out = new LinkedHashMap<>();
        for (Other o : cat.others()) {
            out.put(o.kind() + '\0' + o.name(), o);
        }
        return out;
    }
}
