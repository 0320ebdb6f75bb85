package dev.foldout.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.InvalidNameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"feature-x", "feature/auth", "v1.2", "_tmp", "A9", "a/b/c"})
    void acceptsPlainNames(String name) {
        assertThat(Names.requireNew("branch", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a\"b", "a'b", "a;b", "-a", ".a", "/a", "a/", "a//b", "a\nb", "ä"})
    void refusesOtherNamesSayingWhatIsAllowed(String name) {
        assertThatThrownBy(() -> Names.requireNew("branch", name)).isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("invalid branch name").hasMessageContaining("letters, digits")
                .hasMessageNotContaining("\n");
    }

    @Test
    void refusesNamesPostgresWouldTruncate() {
        assertThat(Names.requireNew("snapshot", "a".repeat(63))).hasSize(63);
        assertThatThrownBy(() -> Names.requireNew("snapshot", "a".repeat(64))).hasMessageContaining("64 bytes")
                .hasMessageContaining("at most 63");
    }

    @Test
    void lookupsAcceptAnythingButNulAndEmpty() {
        assertThat(Names.requireLookup("database", "we\"ird; name")).isEqualTo("we\"ird; name");
        assertThatThrownBy(() -> Names.requireLookup("database", "a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> Names.requireLookup("database", "")).hasMessageContaining("empty");
    }
}
