package dev.foldout.internal.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.internal.diff.schema.Matcher.Pair;
import dev.foldout.internal.diff.schema.Model.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTest {
    private static Schema s(long oid, String name) {
        return new Schema(oid, name, "o", List.of(), null);
    }

    @Test
    void namesFirstThenOidsForRelatedDatabases() {
        Schema kept = s(1, "kept");
        Schema old = s(2, "old");
        Schema gone = s(3, "gone");
        Schema keptTo = s(1, "kept");
        Schema renamed = s(2, "new");
        Schema fresh = s(9, "fresh");
        List<Pair<Schema>> pairs = Matcher.match(List.of(kept, old, gone), List.of(keptTo, renamed, fresh), true);
        assertThat(pairs).containsExactly(new Pair<>(kept, keptTo), new Pair<>(old, renamed), new Pair<>(null, fresh),
                new Pair<>(gone, null));
    }

    @Test
    void unrelatedDatabasesMatchByNameOnly() {
        Schema old = s(2, "old");
        Schema renamed = s(2, "new");
        assertThat(Matcher.match(List.of(old), List.of(renamed), false))
                .containsExactly(new Pair<>(null, renamed), new Pair<>(old, null));
    }

    @Test
    void anOidMatchNeverStealsAnObjectMatchedByName() {
        Schema a = s(5, "a");
        Schema b = s(6, "b");
        Schema bTo = s(5, "b");
        assertThat(Matcher.match(List.of(a, b), List.of(bTo), true))
                .containsExactly(new Pair<>(b, bTo), new Pair<>(a, null));
    }
}
