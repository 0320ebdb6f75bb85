/**
 * Readers of PostgreSQL relation files and the changed-block filter.
 */
package dev.foldout.pagescan;
