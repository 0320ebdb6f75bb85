package dev.foldout.internal.diff;

import dev.foldout.Locator;
import dev.foldout.internal.diff.locate.InstancePageScan;
import dev.foldout.internal.diff.locate.Located;
import dev.foldout.internal.diff.rows.Leaf;
import dev.foldout.internal.diff.rows.TableShape;
import dev.foldout.internal.diff.schema.TableMapping;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the changed blocks of an instance branch and its parent (two clusters that share their past up to the cut):
 * the page scan of both sides ({@link InstancePageScan}), as the diff's options allow. WAL summaries cannot serve
 * it: each cluster summarizes only its own WAL.
 */
final class InstanceLocate {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceLocate.class);

    private InstanceLocate() {
    }

    /**
     * The located blocks of the tables' leaves that both sides still share, or null when every table is compared in
     * full; then {@code why[0]} says why.
     */
    static Located locate(DiffRequest r, List<TableMapping> tables, Map<Long, TableShape> from, Map<Long, TableShape> to,
                          String[] why) throws SQLException {
        Locator choice = r.options().locator();
        if (choice == Locator.FULL_COMPARE) {
            why[0] = "asked for";
            return null;
        }
        if (choice == Locator.WAL_SUMMARIES) {
            why[0] = "no change locator here (wal-summaries: an instance branch is a cluster of its own, whose WAL "
                    + "summaries do not cover its parent's)";
            return null;
        }
        List<Leaf> fromLeaves = new ArrayList<>();
        List<Leaf> toLeaves = new ArrayList<>();
        for (TableMapping m : tables) {
            if (!m.isNew() && to.containsKey(m.toOid())) {
                for (Leaf[] pair : TablePlanner.locatable(from.get(m.fromOid()), to.get(m.toOid()), true)) {
                    fromLeaves.add(pair[0]);
                    toLeaves.add(pair[1]);
                }
            }
        }
        if (toLeaves.isEmpty()) {
            return new Located(InstancePageScan.NAME, Map.of(), Map.of()); // every table is new, unlogged or rewritten
        }
        InstancePageScan.Result found = new InstancePageScan().locate(r.cut().orElseThrow(), r.from(), r.to(), fromLeaves,
                toLeaves);
        if (found.located() == null) {
            why[0] = "no change locator here (" + InstancePageScan.NAME + ": " + found.unavailable() + ")";
            LOG.debug("diff {} -> {}: {}", r.branch(), r.parent(), why[0]);
            return null;
        }
        return found.located();
    }
}
