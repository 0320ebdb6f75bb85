package dev.foldout.internal.diff.schema;

import dev.foldout.internal.diff.schema.Model.Obj;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Pairs the objects of one kind across the two sides: first by name-based identity, then — for related
 * databases — the objects left over by OID, which finds renames. Matching by name first keeps a second diff
 * after an apply empty: objects the apply created have new OIDs but the same names.
 */
final class Matcher {
    private Matcher() {
    }

    /** A matched pair; {@code from} is null for an object new on the desired side, {@code to} for a dropped one. */
    record Pair<T>(T from, T to) {
        boolean created() {
            return from == null;
        }

        boolean dropped() {
            return to == null;
        }

        boolean matched() {
            return from != null && to != null;
        }
    }

    static <T extends Obj> List<Pair<T>> match(List<T> from, List<T> to, boolean related) {
        return match(from, to, Obj::key, Obj::key, related, (a, b) -> true);
    }

    /**
     * Pairs in the desired side's order, then the dropped ones in the current side's order.
     *
     * @param fromKey    the identity of a current-side object, in the desired side's terms
     * @param compatible whether an OID match may pair two objects (same kind, same parent)
     */
    static <T extends Obj> List<Pair<T>> match(List<T> from, List<T> to, Function<T, String> fromKey,
                                               Function<T, String> toKey, boolean related, BiPredicate<T, T> compatible) {
        Map<String, T> fromByKey = new HashMap<>();
        for (T f : from) {
            fromByKey.putIfAbsent(fromKey.apply(f), f);
        }
        Set<T> used = new HashSet<>();
        Map<T, T> pairs = new HashMap<>();
        for (T t : to) {
            T f = fromByKey.get(toKey.apply(t));
            if (f != null && used.add(f)) {
                pairs.put(t, f);
            }
        }
        if (related) {
            Map<Long, T> fromByOid = new HashMap<>();
            for (T f : from) {
                if (!used.contains(f)) {
                    fromByOid.put(f.oid(), f);
                }
            }
            for (T t : to) {
                if (!pairs.containsKey(t)) {
                    T f = fromByOid.get(t.oid());
                    if (f != null && !used.contains(f) && compatible.test(f, t) && !fromByKey.containsKey(toKey.apply(t))) {
                        used.add(f);
                        pairs.put(t, f);
                    }
                }
            }
        }
        List<Pair<T>> out = new ArrayList<>();
        for (T t : to) {
            out.add(new Pair<>(pairs.get(t), t));
        }
        for (T f : from) {
            if (!used.contains(f)) {
                out.add(new Pair<>(f, null));
            }
        }
        return out;
    }
}
