/**
 * The Foldout API: {@link dev.foldout.Foldout} is the entry point; {@link dev.foldout.Database},
 * {@link dev.foldout.Snapshot} and {@link dev.foldout.Branch} are immutable handles whose verbs do the I/O;
 * values are records; every error is a {@link dev.foldout.FoldoutException}. This package is the
 * stable, compatible surface of the library.
 */
package dev.foldout;
