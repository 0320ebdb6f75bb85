/** The embedded default: Foldout's own PostgreSQL cluster under Foldout's home. No compatibility promise. */
package dev.foldout.internal.embedded;
