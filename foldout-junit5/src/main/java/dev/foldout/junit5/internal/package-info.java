/**
 * The implementation of the JUnit 5 extension: seed building, the branch pool, leftover cleanup and the
 * connections handed to tests. Internal: no compatibility promise.
 */
package dev.foldout.junit5.internal;
