package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FoldoutExtensionBuilderTest {

    @Test
    void rejectsImpossibleValuesAtOnce() {
        assertThatThrownBy(() -> FoldoutExtension.builder().poolSize(0)).hasMessageContaining("poolSize must be 1..32, was 0");
        assertThatThrownBy(() -> FoldoutExtension.builder().poolSize(33)).hasMessageContaining("was 33");
        assertThatThrownBy(() -> FoldoutExtension.builder().url("mysql://x/y")).hasMessageContaining("not a PostgreSQL URL");
        assertThatThrownBy(() -> FoldoutExtension.builder().seed(" ", ds -> { })).hasMessageContaining("version is blank");
        assertThatThrownBy(() -> FoldoutExtension.builder().seedScripts("")).hasMessageContaining("seed script name is empty");
        assertThatThrownBy(() -> FoldoutExtension.builder().branchTimeout(Duration.ZERO))
                .hasMessageContaining("branchTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> FoldoutExtension.builder().branchTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("branchTimeout must be positive");
    }

    @Test
    void aSeedScriptMissingFromTheClassPathIsNamedWhenBuilt() {
        assertThatThrownBy(() -> FoldoutExtension.builder().seedScripts("db/schema.sql", "db/nope.sql").build())
                .hasMessageContaining("seed script db/nope.sql is not on the class path");
        assertThat(FoldoutExtension.builder().seedScripts("db/schema.sql").build()).isNotNull();
    }
}
