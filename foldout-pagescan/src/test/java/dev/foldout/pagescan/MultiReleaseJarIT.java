package dev.foldout.pagescan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The integration tests run from the packaged jar: its META-INF/versions/22 gives the FFM reader on this JDK. */
class MultiReleaseJarIT {
    @Test
    void theJarServesTheFfmReaderOnJava22AndLater() throws Exception {
        assertThat(PageScanner.class.getProtectionDomain().getCodeSource().getLocation().getPath()).endsWith(".jar");
        assertThat(ReaderKind.FFM.isAvailable()).isTrue();
        assertThat(PageScanner.create().reader()).isEqualTo(ReaderKind.FFM);
        String resource = Class.forName("dev.foldout.pagescan.internal.FfmSegmentReader")
                .getResource("FfmSegmentReader.class").toString();
        assertThat(resource).startsWith("jar:").contains("!/META-INF/versions/22/");
    }
}
