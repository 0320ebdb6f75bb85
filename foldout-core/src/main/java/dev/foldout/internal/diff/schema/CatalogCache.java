package dev.foldout.internal.diff.schema;

import dev.foldout.internal.diff.Lru;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last catalog read of each database, kept while its {@link Fingerprint} stays the same, and the last diff of
 * each pair of fingerprints, so that comparing an unchanged schema again costs one prepared query per side.
 * Bounded; least recently used entries go first.
 */
final class CatalogCache {
    private static final int MAX_ENTRIES = 16;

    /** A side's fingerprint and catalog. */
    record Side(Fingerprint fingerprint, Catalog catalog) {
    }

    private record Cached(String signature, Catalog catalog) {
    }

    private record CachedDiff(Map<Long, Long> fromSequences, Map<Long, Long> toSequences, SchemaDiff diff) {
    }

    private static final Map<String, Cached> CATALOGS = Lru.map(MAX_ENTRIES);
    private static final Map<String, CachedDiff> DIFFS = Lru.map(MAX_ENTRIES);

    private CatalogCache() {
    }

    /** The catalog of {@code c}'s database: from the cache when its fingerprint is unchanged, else read. */
    static Side read(Connection c) throws SQLException {
        Fingerprint fp = Fingerprint.read(c);
        Cached hit;
        synchronized (CATALOGS) {
            hit = CATALOGS.get(fp.database());
        }
        if (hit != null && hit.signature().equals(fp.signature())) {
            return new Side(fp, fp.refresh(hit.catalog()));
        }
        Catalog cat = CatalogReader.read(c);
        synchronized (CATALOGS) {
            CATALOGS.put(fp.database(), new Cached(fp.signature(), cat));
        }
        return new Side(fp, cat);
    }

    /** The diff of two sides: the last one computed for the same fingerprints and sequence positions, or a new one. */
    static SchemaDiff diff(Side from, Side to, boolean related, Supplier<SchemaDiff> compute) {
        String key = from.fingerprint().database() + '\0' + from.fingerprint().signature() + '\0'
                + to.fingerprint().database() + '\0' + to.fingerprint().signature() + '\0' + related + '\0'
                + from.fingerprint().user();
        CachedDiff hit;
        synchronized (DIFFS) {
            hit = DIFFS.get(key);
        }
        if (hit != null && hit.fromSequences().equals(from.fingerprint().sequenceValues())
                && hit.toSequences().equals(to.fingerprint().sequenceValues())) {
            return hit.diff();
        }
        SchemaDiff diff = compute.get();
        synchronized (DIFFS) {
            DIFFS.put(key, new CachedDiff(from.fingerprint().sequenceValues(), to.fingerprint().sequenceValues(), diff));
        }
        return diff;
    }
}
