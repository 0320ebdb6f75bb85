package dev.foldout.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GucValuesTest {
    @Test
    void aSearchPathIsSplitIntoItsElements() {
        assertThat(GucValues.elements("search_path", "\"$user\", public, \"odd, name\", \"a\"\"b\""))
                .containsExactly("$user", "public", "odd, name", "a\"b");
    }

    @Test
    void otherSettingsAreOneValue() {
        assertThat(GucValues.elements("DateStyle", "ISO, MDY")).containsExactly("ISO, MDY");
        assertThat(GucValues.elements("work_mem", "7MB")).containsExactly("7MB");
    }

    @Test
    void whatIsNotAListIsKeptWhole() {
        assertThat(GucValues.split("\"\"")).isEmpty();
        assertThat(GucValues.split("a,")).isEmpty();
        assertThat(GucValues.split("\"open")).isEmpty();
        assertThat(GucValues.elements("search_path", "\"open")).containsExactly("\"open");
        assertThat(GucValues.split("  ")).contains(List.of());
    }
}
