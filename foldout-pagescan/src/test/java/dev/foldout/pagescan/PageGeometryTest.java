package dev.foldout.pagescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PageGeometryTest {
    @Test
    void readsShowOutput() {
        PageGeometry g = PageGeometry.fromSettings("8192", "1GB");
        assertThat(g.blockSize()).isEqualTo(8192);
        assertThat(g.segmentSize()).isEqualTo(1L << 30);
        assertThat(g.blocksPerSegment()).isEqualTo(131072);
        assertThat(g.pageSizeVersion()).isEqualTo(0x2004);
        assertThat(PageGeometry.fromSettings("32768", "2GB").blocksPerSegment()).isEqualTo(65536);
        assertThat(PageGeometry.fromSettings("16kB", "64MB").blockSize()).isEqualTo(16384);
    }

    @Test
    void rejectsImpossibleSizes() {
        assertThatThrownBy(() -> new PageGeometry(4000, 4000 * 4)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new PageGeometry(512, 512 * 4)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new PageGeometry(65536, 65536)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new PageGeometry(8192, 10000)).hasMessageContaining("multiple");
        assertThatThrownBy(() -> new PageGeometry(8192, 0)).hasMessageContaining("multiple");
        assertThatThrownBy(() -> PageGeometry.fromSettings("8192", "lots")).hasMessageContaining("segment_size 'lots'");
        assertThatThrownBy(() -> PageGeometry.fromSettings(null, "1GB")).hasMessageContaining("block_size");
    }
}
