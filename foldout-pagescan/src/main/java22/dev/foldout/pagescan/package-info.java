/**
 * Readers of PostgreSQL relation files and the changed-block filter (Java 22+ classes).
 */
package dev.foldout.pagescan;
