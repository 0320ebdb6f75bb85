package dev.foldout.internal.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's deletions, held back until every table's inserts and updates ran, then run children first, so that no
 * foreign key sees a referenced row go before the rows that reference it.
 */
final class Deferred {
    private final List<Object> writes = new ArrayList<>();

    /** Holds back a batch of deletions by key. */
    void later(Bulk b) {
        writes.add(b);
    }

    /** Holds back the deletion of one copy of a row of a table without a key. */
    void later(Executor.Pending p) {
        writes.add(p);
    }

    /** Runs what was held back. */
    void run(Executor exec, List<ThreeWay.Found> conflicts) {
        for (Object w : writes) {
            if (w instanceof Bulk b) {
                exec.bulk(b, conflicts);
            } else {
                exec.statement((Executor.Pending) w, conflicts);
            }
        }
    }
}
