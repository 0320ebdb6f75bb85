package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void quotesAndDoublesEmbeddedQuotes() {
        assertThat(Identifiers.quote("app")).isEqualTo("\"app\"");
        assertThat(Identifiers.quote("we\"ird; drop database x --")).isEqualTo("\"we\"\"ird; drop database x --\"");
        assertThat(Identifiers.quote("Mixed Case")).isEqualTo("\"Mixed Case\"");
    }

    @Test
    void refusesWhatNoIdentifierCanHold() {
        assertThatThrownBy(() -> Identifiers.quote("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Identifiers.quote("a\0")).hasMessageContaining("NUL");
    }
}
