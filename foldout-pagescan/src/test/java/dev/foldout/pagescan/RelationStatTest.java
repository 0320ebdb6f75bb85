package dev.foldout.pagescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelationStatTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void roundTripsThroughJackson() throws Exception {
        RelationStat stat = new RelationStat(16384, 2_000_000_000_000L, List.of(
                new RelationFileStat(16384, 0, 1L << 30, 1_000_000_000_000L), new RelationFileStat(16384, 1, 8192, 1_500_000_000_000L)));
        String text = json.writeValueAsString(stat);
        assertThat(text).isEqualTo("{\"relfilenode\":16384,\"recordedAtNanos\":2000000000000,\"files\":["
                + "{\"relfilenode\":16384,\"segment\":0,\"size\":1073741824,\"mtimeNanos\":1000000000000},"
                + "{\"relfilenode\":16384,\"segment\":1,\"size\":8192,\"mtimeNanos\":1500000000000}]}");
        assertThat(json.readValue(text, RelationStat.class)).isEqualTo(stat);
        assertThat(stat.blockCount(8192)).isEqualTo(131073);
        assertThat(stat.files().get(1).fileName()).isEqualTo("16384.1");
    }

    @Test
    void trustsOnlyOldUnchangedFiles() {
        long recorded = 10_000_000_000L;
        RelationFileStat old = new RelationFileStat(5, 0, 8192, recorded - RelationStat.RACY_MARGIN_NANOS);
        RelationFileStat racy = new RelationFileStat(5, 1, 8192, recorded - 1);
        RelationStat stat = new RelationStat(5, recorded, List.of(old, racy));
        assertThat(stat.isUnchanged(old)).isTrue();
        assertThat(stat.isUnchanged(new RelationFileStat(5, 0, 16384, old.mtimeNanos()))).isFalse();
        assertThat(stat.isUnchanged(new RelationFileStat(5, 0, 8192, old.mtimeNanos() + 1))).isFalse();
        assertThat(stat.isUnchanged(racy)).isFalse();
        assertThat(stat.isUnchanged(new RelationFileStat(5, 2, 0, 0))).isFalse();
    }

    @Test
    void rejectsGapsAndStrangers() {
        assertThatThrownBy(() -> new RelationStat(5, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelationStat(5, 0, List.of(new RelationFileStat(5, 1, 0, 0))))
                .hasMessageContaining("expected segment 0");
        assertThatThrownBy(() -> new RelationStat(5, 0, List.of(new RelationFileStat(6, 0, 0, 0))))
                .hasMessageContaining("same relfilenode");
        assertThatThrownBy(() -> new RelationFileStat(0, 0, 0, 0)).hasMessageContaining("relfilenode");
        assertThatThrownBy(() -> Relation.of(java.nio.file.Path.of("/x/16384_vm"), TestPages.SMALL_SEGMENTS))
                .hasMessageContaining("main fork");
        assertThatThrownBy(() -> Relation.of(java.nio.file.Path.of("/x/16384.1"), TestPages.SMALL_SEGMENTS))
                .hasMessageContaining("main fork");
    }
}
