package dev.foldout.internal.diff.rows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyOrderTest {
    @Test
    void integerColumnsCompareAsNumbersAndOthersByCodePoint() {
        KeyOrder order = KeyOrder.of(new boolean[] {true, false});
        assertThat(order.compare(new String[] {"9", "b"}, new String[] {"10", "a"}, 2)).isNegative();
        assertThat(order.compare(new String[] {"-10", "b"}, new String[] {"-9", "a"}, 2)).isNegative();
        assertThat(order.compare(new String[] {"7", "b"}, new String[] {"7", "a"}, 2)).isPositive();
        assertThat(order.compare(new String[] {"7", "b", "x"}, new String[] {"7", "b", "y"}, 2)).isZero();
        assertThat(order.compare(new String[] {null, "b"}, new String[] {"-1", "a"}, 2)).isNegative();
    }

    @Test
    void textComparesByCodePointWithNullFirst() {
        // U+1F600 is outside the Basic Multilingual Plane: by code point after U+FFFD, though its UTF-16 surrogates are before
        assertThat(KeyOrder.INSTANCE.compare(new String[] {"\uD83D\uDE00"}, new String[] {"\uFFFD"})).isPositive();
        assertThat(KeyOrder.INSTANCE.compare(new String[] {"10"}, new String[] {"9"})).isNegative();
        assertThat(KeyOrder.INSTANCE.compare(new String[] {null}, new String[] {""})).isNegative();
        assertThat(KeyOrder.INSTANCE.compare(new String[] {"ab"}, new String[] {"a"})).isPositive();
    }
}
