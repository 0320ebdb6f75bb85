package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.junit5.internal.SeedSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeedKeyTest {
    private static final Seeder NOTHING = ds -> { };

    @Test
    void theSameInputsGiveTheSameKeyAndAnyChangeAnother() {
        SeedSpec a = new SeedSpec(List.of("db/schema.sql"), Optional.empty(), "");
        assertThat(a.key()).hasSize(16).isEqualTo(new SeedSpec(List.of("db/schema.sql"), Optional.empty(), "").key());
        assertThat(new SeedSpec(List.of("db/schema.sql", "db/more.sql"), Optional.empty(), "").key()).isNotEqualTo(a.key());
        assertThat(new SeedSpec(List.of("db/more.sql", "db/schema.sql"), Optional.empty(), "").key())
                .as("the order of the scripts counts")
                .isNotEqualTo(new SeedSpec(List.of("db/schema.sql", "db/more.sql"), Optional.empty(), "").key());
        SeedSpec v1 = new SeedSpec(List.of("db/schema.sql"), Optional.of(NOTHING), "v1");
        assertThat(v1.key()).isNotEqualTo(a.key())
                .isNotEqualTo(new SeedSpec(List.of("db/schema.sql"), Optional.of(NOTHING), "v2").key());
    }

    @Test
    void twoSeederClassesWithTheSameVersionGetDifferentKeys() {
        Seeder a = new SeedIT.InsertsA();
        Seeder b = new SeedIT.InsertsB();
        SeedSpec withA = new SeedSpec(List.of("db/schema.sql"), Optional.of(a), "v1");
        assertThat(withA.key()).as("the seeder's class is part of the key")
                .isNotEqualTo(new SeedSpec(List.of("db/schema.sql"), Optional.of(b), "v1").key())
                .isEqualTo(new SeedSpec(List.of("db/schema.sql"), Optional.of(new SeedIT.InsertsA()), "v1").key());
    }

    @Test
    void aLambdaIsNamedByTheClassItIsWrittenIn() {
        Seeder here = ds -> { };
        assertThat(SeedSpec.seederName(here.getClass())).isEqualTo(SeedKeyTest.class.getName() + "$$Lambda");
        assertThat(new SeedSpec(List.of(), Optional.of(here), "v1").key())
                .isEqualTo(new SeedSpec(List.of(), Optional.of(NOTHING), "v1").key())
                .isNotEqualTo(new SeedSpec(List.of(), Optional.of(SeedIT.inserting("x")), "v1").key());
    }

    @Test
    void aSeederWithoutAVersionIsRefused() {
        assertThatThrownBy(() -> new SeedSpec(List.of(), Optional.of(NOTHING), " "))
                .hasMessageContaining("a seeder needs a version string");
    }

    @Test
    void aLayerIsKeyedByTheLayersBelowIt() {
        SeedSpec schema = new SeedSpec(List.of("db/schema.sql"), Optional.empty(), "");
        SeedSpec more = new SeedSpec(List.of("db/more.sql"), Optional.empty(), "");
        SeedSpec top = new SeedSpec(List.of("db/probe.sql"), Optional.empty(), "", Optional.of(schema));
        assertThat(top.key()).isEqualTo(new SeedSpec(List.of("db/probe.sql"), Optional.empty(), "", Optional.of(schema)).key())
                .isNotEqualTo(new SeedSpec(List.of("db/probe.sql"), Optional.empty(), "", Optional.of(more)).key())
                .isNotEqualTo(new SeedSpec(List.of("db/probe.sql"), Optional.empty(), "").key());
    }
}
