package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** The backend contract on the template backend, and what it reports of the copy path. */
class TemplateBackendIT extends BackendContractIT {

    @Override
    protected String backend() {
        return "template";
    }

    @Test
    void reportsTheCopyPathAndItsTime() throws java.io.IOException {
        String b = name("path");
        RefInfo info = fld.branch(b).info();
        assertThat(info.copy().elapsed()).isPositive();
        if (fld.server().majorVersion() >= 18) {
            String fs = java.nio.file.Files.getFileStore(TestPostgres.instance().spec().dataDirectory()).type();
            boolean shares = java.util.Set.of("xfs", "btrfs", "zfs", "bcachefs").contains(fs);
            assertThat(info.copy().method()).isEqualTo(shares ? CopyMethod.CLONE : CopyMethod.FILE_COPY);
            assertThat(info.copy().note()).contains(fs);
        } else {
            assertThat(info.copy().method()).isEqualTo(CopyMethod.FILE_COPY);
        }
        assertThat(fld.backends()).extracting(BackendStatus::name).contains("template");
    }
}
