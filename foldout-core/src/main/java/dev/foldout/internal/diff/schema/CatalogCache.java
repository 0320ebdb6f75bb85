package dev.foldout.internal.diff.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last catalog read of each database, kept while its {@link Fingerprint} stays the same, so that comparing
 * an unchanged schema again costs one prepared query per side. Bounded; least recently used entries go first.
 */
final class CatalogCache {
    private static final int MAX_ENTRIES = 16;

    private record Cached(String signature, Catalog catalog) {
    }

    private static final Map<String, Cached> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private CatalogCache() {
    }

    /** The catalog of {@code c}'s database: from the cache when its fingerprint is unchanged, else read. */
    static Catalog read(Connection c) throws SQLException {
        Fingerprint fp = Fingerprint.read(c);
        Cached hit;
        synchronized (CACHE) {
            hit = CACHE.get(fp.database());
        }
        if (hit != null && hit.signature().equals(fp.signature())) {
            return fp.refresh(hit.catalog());
        }
        Catalog cat = CatalogReader.read(c);
        synchronized (CACHE) {
            CACHE.put(fp.database(), new Cached(fp.signature(), cat));
        }
        return cat;
    }
}
