/**
 * A JUnit 5 extension that gives each test (or each test class) its own copy-on-write branch of a seeded
 * database: {@link dev.foldout.junit5.FoldoutExtension} (builder form, for {@code @RegisterExtension}) and
 * {@link dev.foldout.junit5.FoldoutTest} (annotation form). The seed is built once from SQL scripts or a
 * {@link dev.foldout.junit5.Seeder} and reused while its inputs stay the same; branches are made ahead of the
 * tests by a small background pool and dropped in the background after them.
 */
package dev.foldout.junit5;
