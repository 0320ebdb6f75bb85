/**
 * For test integrations built on foldout-junit5's seed and pool (foldout-spring is one): a {@link
 * dev.foldout.junit5.run.TestRun} builds the seed once per JVM and configuration, keeps branches of it made ahead,
 * and leases one per test. Plain JUnit 5 tests use {@link dev.foldout.junit5.FoldoutExtension} instead.
 */
package dev.foldout.junit5.run;
