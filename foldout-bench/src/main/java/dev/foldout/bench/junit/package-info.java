/**
 * A harness that measures foldout-junit5: how long each of a few hundred tests waits for its database, and the
 * whole run's time, against {@code CREATE DATABASE ... TEMPLATE ... STRATEGY WAL_LOG} per test.
 */
package dev.foldout.bench.junit;
