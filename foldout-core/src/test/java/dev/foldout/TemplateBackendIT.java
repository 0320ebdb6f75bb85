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
            // measured on the copy's files (CloneVerdictIT shows the same name cloning and copying): the report names
            // the file system and says a copy only when FIEMAP found no shared extent
            assertThat(info.copy().note()).contains(fs);
            assertThat(info.copy().method() == CopyMethod.FILE_COPY)
                    .isEqualTo(info.copy().note().contains("shared no extent (FIEMAP)"));
        } else {
            assertThat(info.copy().method()).isEqualTo(CopyMethod.FILE_COPY);
        }
        assertThat(fld.backends()).extracting(BackendStatus::name).contains("template");
    }
}
