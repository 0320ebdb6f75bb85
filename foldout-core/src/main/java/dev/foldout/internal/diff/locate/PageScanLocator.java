package dev.foldout.internal.diff.locate;

import dev.foldout.Lsn;
import dev.foldout.internal.diff.rows.Leaf;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.pagescan.ChangedBlocks;
import dev.foldout.pagescan.MissingRelationFileException;
import dev.foldout.pagescan.PageGeometry;
import dev.foldout.pagescan.PageScanException;
import dev.foldout.pagescan.PageScanner;
import dev.foldout.pagescan.Relation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds changed blocks by reading page headers: after a CHECKPOINT (so the files hold every write), each
 * segment file last modified before the branch's quiet point (less the clock ticks and time step of its file system,
 * see {@link FileTimes}) is skipped, and in the others every page whose {@code pd_lsn} is past the branch LSN is
 * changed. Same host only.
 */
public final class PageScanLocator implements ChangeLocator {
    private final PageScanner scanner = PageScanner.create();

    @Override
    public String name() {
        return "pagescan";
    }

    @Override
    public String unavailable(LocateRequest r) throws SQLException {
        if (r.dataDir().isEmpty()) {
            return "the server's data directory is not known on this host (a remote server, or a role that may not read "
                    + "data_directory: FLD_PG_DATA_PATH names it)";
        }
        if (!Files.isReadable(r.dataDir().get().resolve("global"))) {
            return "the data directory " + r.dataDir().get() + " is not readable by this process";
        }
        String[] role = Jdbc.queryOne(r.admin(), "select current_user::text, (select rolsuper from pg_roles where rolname = "
                + "current_user) or coalesce((select pg_has_role(oid, 'MEMBER') from pg_roles where rolname = 'pg_checkpoint'), "
                + "false)", rs -> new String[] {rs.getString(1), rs.getString(2)}).orElseThrow();
        if (!"t".equals(role[1])) {
            return "role '" + role[0] + "' may not run the CHECKPOINT a page scan needs first (a superuser may GRANT "
                    + "pg_checkpoint)";
        }
        return "";
    }

    @Override
    public Located locate(LocateRequest r) throws SQLException {
        Jdbc.execute(r.admin(), "checkpoint");
        PageGeometry geometry = PageGeometry.fromSettings(Jdbc.string(r.admin(), "show block_size"),
                Jdbc.string(r.admin(), "show segment_size"));
        Instant quiet = r.quietBefore();
        Lsn since = r.since();
        Path dir = r.dataDir().orElseThrow();
        return new Located(name(), scan(dir, geometry, since, quiet, r.fromLeaves()), scan(dir, geometry, since, quiet, r.toLeaves()));
    }

    private Map<Long, long[]> scan(Path dir, PageGeometry geometry, Lsn since, Instant quiet, List<Leaf> leaves)
            throws SQLException {
        Map<Long, long[]> out = new HashMap<>();
        for (Leaf leaf : leaves) {
            Relation relation = Relation.of(dir.resolve(leaf.filePath()), geometry);
            try {
                ChangedBlocks changed = scanner.changedBlocks(relation, since, FileTimes.skipBefore(relation.path(), quiet));
                out.put(leaf.oid(), changed.toArray());
            } catch (MissingRelationFileException | NoSuchFileException e) {
                out.put(leaf.oid(), new long[0]);
            } catch (PageScanException | IOException e) {
                throw new SQLException("page scan of " + leaf.schema() + "." + leaf.name() + " failed: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
