package dev.foldout.internal.rewind;

import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Reads the live tuples on some blocks of one relation - each one's line pointer and xmin - with TID range scans:
 * one range per run of consecutive blocks, many ranges to a statement. A tuple version is never changed in place,
 * so a line pointer with the same xmin is the same tuple.
 */
final class BlockLines {
    /** Ranges in one statement: few round trips, and a statement text the driver prepares once per count. */
    private static final int RANGES_PER_STATEMENT = 32;

    private BlockLines() {
    }

    /** Block number to (line pointer to xmin), for each of {@code blocks} (an empty map for a block with none). */
    static Map<Long, Map<Integer, Long>> read(Connection c, String relation, SortedSet<Long> blocks) throws SQLException {
        Map<Long, Map<Integer, Long>> out = new HashMap<>();
        for (long b : blocks) {
            out.put(b, new HashMap<>());
        }
        List<long[]> runs = runs(blocks);
        for (int from = 0; from < runs.size(); from += RANGES_PER_STATEMENT) {
            List<long[]> chunk = runs.subList(from, Math.min(runs.size(), from + RANGES_PER_STATEMENT));
            StringBuilder sql = new StringBuilder();
            Object[] params = new Object[chunk.size() * 2];
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : " union all ").append("select ctid::text, xmin::text from only ").append(relation)
                        .append(" where ctid >= ?::tid and ctid < ?::tid");
                params[2 * i] = "(" + chunk.get(i)[0] + ",0)";
                params[2 * i + 1] = "(" + (chunk.get(i)[1] + 1) + ",0)";
            }
            for (String[] row : Jdbc.query(c, sql.toString(), rs -> new String[] {rs.getString(1), rs.getString(2)}, params)) {
                long tid = Tids.parse(row[0]);
                out.get(Tids.block(tid)).put(Tids.offset(tid), Long.parseLong(row[1]));
            }
        }
        return out;
    }

    /** The runs of consecutive numbers in {@code blocks}, as {first, last}. */
    private static List<long[]> runs(SortedSet<Long> blocks) {
        List<long[]> out = new ArrayList<>();
        long[] run = null;
        for (long b : blocks) {
            if (run != null && b == run[1] + 1) {
                run[1] = b;
            } else {
                run = new long[] {b, b};
                out.add(run);
            }
        }
        return out;
    }
}
