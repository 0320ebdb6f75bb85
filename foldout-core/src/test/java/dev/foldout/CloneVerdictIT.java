package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.EnabledOnPostgres;
import dev.foldout.testing.TestFilesystems;
import dev.foldout.testing.XfsCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Whether a template copy shared its extents is measured on the copy's files, not guessed from the file system's
 * name: the same XFS name clones with reflink=1 and copies with reflink=0, and the report says which. filefrag (an
 * independent FIEMAP reader, from e2fsprogs) confirms each verdict on the branch's table file.
 */
@EnabledOnPostgres(min = 18, reason = "PostgreSQL clones a template database's files itself from 18 on (file_copy_method)")
class CloneVerdictIT {

    @Test
    void anXfsWithReflinkClonesAndSaysSo() throws Exception {
        try (XfsCluster x = XfsCluster.startIn(TestFilesystems.xfs(), "cv", 20_000); Foldout fld = x.foldout()) {
            RefInfo info = fld.defaultDatabase().branch("cv_shared", CopyOptions.DEFAULTS.withBackend("template")).info();
            assertThat(info.copy().method()).isEqualTo(CopyMethod.CLONE);
            assertThat(info.copy().note()).isEqualTo("reflink on xfs (FIEMAP: extents shared)");
            assertThat(filefrag(x, "cv_shared")).as("filefrag -v of the branch's table").contains("shared");
        }
    }

    @Test
    void anXfsWithoutReflinkCopiesAndSaysSo() throws Exception {
        try (XfsCluster x = XfsCluster.startIn(TestFilesystems.xfsWithoutReflink(), "cv", 20_000); Foldout fld = x.foldout()) {
            RefInfo info = fld.defaultDatabase().branch("cv_copied", CopyOptions.DEFAULTS.withBackend("template")).info();
            assertThat(info.copy().method()).as("xfs by name, but made with reflink=0").isEqualTo(CopyMethod.FILE_COPY);
            assertThat(info.copy().note()).startsWith("file_copy_method = clone, but xfs shared no extent (FIEMAP)");
            assertThat(filefrag(x, "cv_copied")).as("filefrag -v of the branch's table").doesNotContain("shared");
        }
    }

    /** What {@code filefrag -v} prints for table {@code t} of {@code database}. */
    private static String filefrag(XfsCluster x, String database) throws SQLException, IOException, InterruptedException {
        Path file;
        try (Connection c = x.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('data_directory'), pg_relation_filepath('t')")) {
            rs.next();
            file = Path.of(rs.getString(1)).resolve(rs.getString(2));
        }
        Process p = new ProcessBuilder("filefrag", "-v", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("filefrag -v " + file + ": " + out).isZero();
        return out;
    }
}
