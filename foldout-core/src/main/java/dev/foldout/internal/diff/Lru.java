package dev.foldout.internal.diff;

import java.util.LinkedHashMap;
import java.util.Map;

/** The bounded caches of the diff: maps in access order that drop their least recently used entry when full. */
public final class Lru {
    private Lru() {
    }

    /** A new map that keeps at most {@code max} entries; not synchronized. */
    public static <K, V> Map<K, V> map(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }
}
