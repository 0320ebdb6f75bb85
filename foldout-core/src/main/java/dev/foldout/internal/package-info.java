/**
 * Foldout's implementation. Carries no compatibility promise: use {@code dev.foldout} and
 * {@code dev.foldout.spi} instead.
 */
package dev.foldout.internal;
