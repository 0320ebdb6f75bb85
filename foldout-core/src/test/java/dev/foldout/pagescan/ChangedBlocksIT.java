package dev.foldout.pagescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.Lsn;
import dev.foldout.server.OsAccount;
import dev.foldout.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On real PostgreSQL files: after updating, deleting and inserting a few rows and a CHECKPOINT, the changed
 * blocks are exactly those PostgreSQL wrote, as pageinspect (and, on 17+, the WAL summaries) say.
 */
class ChangedBlocksIT {
    private static final String LOAD = "INSERT INTO t SELECT i, repeat('x', 120) FROM generate_series(1, 20000) i";

    @Test
    void findsExactlyTheBlocksPostgresWrote() throws Exception {
        String db = TestPostgres.uniqueName("pagescan");
        TestPostgres.exec("postgres", "CREATE DATABASE " + db);
        try (Connection c = TestPostgres.connect(db)) {
            RealCluster.exec(c, "CREATE EXTENSION pageinspect",
                    "CREATE TABLE t (id int PRIMARY KEY, payload text) WITH (autovacuum_enabled = off)", LOAD,
                    "VACUUM (FREEZE) t", "CHECKPOINT");
            String firstRedo = RealCluster.text(c, "SELECT redo_lsn FROM pg_control_checkpoint()");
            Lsn branch = RealCluster.currentLsn(c);
            Relation heap = RealCluster.relation(c, "t");
            Relation index = RealCluster.relation(c, "t_pkey");
            RelationStat heapAtBranch = heap.stat();
            assertThat(heapAtBranch.blockCount(heap.geometry().blockSize())).isGreaterThan(300);
            for (ReaderKind kind : ReaderKind.values()) {
                assertThat(PageScanner.using(kind).changedBlocks(heap, branch).toArray()).as(kind.name()).isEmpty();
            }

            List<Long> touched = new ArrayList<>(RealCluster.blocksOf(c, "t", "10, 5000, 15000, 12000"));
            RealCluster.exec(c, "UPDATE t SET payload = 'changed' WHERE id IN (10, 5000, 15000)",
                    "DELETE FROM t WHERE id = 12000", "INSERT INTO t VALUES (30000, 'new')", "CHECKPOINT");
            touched.addAll(RealCluster.blocksOf(c, "t", "10, 5000, 15000, 30000"));

            long[] expectedHeap = RealCluster.pageinspectChanged(c, "t", branch);
            long[] expectedIndex = RealCluster.pageinspectChanged(c, "t_pkey", branch);
            assertThat(expectedHeap).contains(touched.stream().mapToLong(Long::longValue).toArray());
            assertThat(expectedIndex).isNotEmpty();
            for (ReaderKind kind : ReaderKind.values()) {
                PageScanner scanner = PageScanner.using(kind);
                ChangedBlocks changed = scanner.changedBlocks(heap, branch);
                assertThat(changed.toArray()).as(kind.name()).containsExactly(expectedHeap);
                assertThat(scanner.changedBlocks(heap, branch, heapAtBranch).toArray()).as(kind.name()).containsExactly(expectedHeap);
                assertThat(scanner.changedBlocks(index, branch).toArray()).as(kind.name()).containsExactly(expectedIndex);
            }
            if (TestPostgres.instance().spec().binaries().majorVersion() >= 17) {
                long[] summarized = WalSummaries.changedBlocks(c, "t", firstRedo, branch);
                assertThat(summarized).as("WAL summaries").containsExactly(expectedHeap);
            }
        } finally {
            TestPostgres.exec("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    @Test
    void readsPageHeadersAndLinePointersAsPageinspectDoes() throws Exception {
        String db = TestPostgres.uniqueName("pagescan");
        TestPostgres.exec("postgres", "CREATE DATABASE " + db);
        try (Connection c = TestPostgres.connect(db)) {
            RealCluster.exec(c, "CREATE EXTENSION pageinspect", "CREATE TABLE t (id int PRIMARY KEY, payload text)", LOAD,
                    "DELETE FROM t WHERE id % 7 = 0", "VACUUM t", "UPDATE t SET payload = 'y' WHERE id = 3", "CHECKPOINT");
            Relation heap = RealCluster.relation(c, "t");
            try (RelationReader reader = PageScanner.create().open(heap)) {
                Page page = reader.page(0);
                PageHeader h = page.header();
                assertThat(h.lsn()).isEqualTo(Lsn.parse(RealCluster.text(c, "SELECT lsn FROM page_header(get_raw_page('t', 0))")));
                assertThat(List.of(h.lower(), h.upper(), h.special(), h.pageSize(), h.layoutVersion(), h.flags(), h.checksum()))
                        .isEqualTo(RealCluster.longs(c, "SELECT unnest(ARRAY[lower, upper, special, pagesize, version, flags, "
                                // the buffer's checksum field is stale until written: compute what the file holds
                                + "page_checksum(get_raw_page('t', 0), 0)::int & 65535]) FROM page_header(get_raw_page('t', 0))")
                                .stream().map(Long::intValue).toList());
                List<String> expected = new ArrayList<>();
                for (Long[] row : rows(c)) {
                    expected.add(row[0] + ":" + row[1] + ":" + row[2] + ":" + row[3]);
                }
                assertThat(page.linePointers()).extracting(lp -> lp.offsetNumber() + ":" + lp.offset() + ":"
                        + lp.state().ordinal() + ":" + lp.length()).containsExactlyElementsOf(expected);
                assertThat(page.linePointers()).extracting(LinePointer::state).contains(LinePointer.State.UNUSED,
                        LinePointer.State.NORMAL);
            }
        } finally {
            TestPostgres.exec("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private static List<Long[]> rows(Connection c) throws Exception {
        List<Long[]> out = new ArrayList<>();
        try (var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT lp, lp_off, lp_flags, lp_len FROM heap_page_items(get_raw_page('t', 0)) ORDER BY lp")) {
            while (rs.next()) {
                out.add(new Long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        return out;
    }

    @Test
    void followsATablespaceAndNoticesRewritesAndTruncations() throws Exception {
        String db = TestPostgres.uniqueName("pagescan");
        String space = TestPostgres.uniqueName("pagescan_ts");
        Path location = Files.createTempDirectory("foldout-pagescan-ts-");
        OsAccount.forServer().takeOwnership(location);
        TestPostgres.exec("postgres", "CREATE TABLESPACE " + space + " LOCATION '" + location + "'", "CREATE DATABASE " + db);
        try (Connection c = TestPostgres.connect(db)) {
            RealCluster.exec(c, "CREATE EXTENSION pageinspect",
                    "CREATE TABLE t (id int PRIMARY KEY, payload text) WITH (autovacuum_enabled = off) TABLESPACE " + space,
                    LOAD, "VACUUM (FREEZE) t", "CHECKPOINT");
            Relation heap = RealCluster.relation(c, "t");
            assertThat(RealCluster.text(c, "SELECT pg_relation_filepath('t')")).startsWith("pg_tblspc/");
            Lsn branch = RealCluster.currentLsn(c);
            RelationStat atBranch = heap.stat();
            long blocks = atBranch.blockCount(heap.geometry().blockSize());

            // delete the last rows: VACUUM truncates the file; update one row at the start
            RealCluster.exec(c, "DELETE FROM t WHERE id > 15000", "UPDATE t SET payload = 'z' WHERE id = 1", "VACUUM t", "CHECKPOINT");
            long[] expected = RealCluster.pageinspectChanged(c, "t", branch);
            for (ReaderKind kind : ReaderKind.values()) {
                ChangedBlocks changed = PageScanner.using(kind).changedBlocks(heap, branch, atBranch);
                assertThat(changed.toArray()).as(kind.name()).containsExactly(expected);
                assertThat(changed.removedBlocks()).as(kind.name()).isPositive();
                assertThat(changed.blockCount() + changed.removedBlocks()).isEqualTo(blocks);
            }

            // a rewrite gets a new relfilenode; the old file is gone after the next checkpoint
            RealCluster.exec(c, "VACUUM FULL t", "CHECKPOINT");
            assertThatThrownBy(() -> PageScanner.create().changedBlocks(heap, branch))
                    .isInstanceOf(MissingRelationFileException.class);
            Relation rewritten = RealCluster.relation(c, "t");
            assertThat(rewritten.relfilenode()).isNotEqualTo(heap.relfilenode());
            assertThatThrownBy(() -> PageScanner.create().changedBlocks(rewritten, branch, atBranch))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compared in full");
        } finally {
            TestPostgres.exec("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)", "DROP TABLESPACE IF EXISTS " + space);
        }
    }
}
