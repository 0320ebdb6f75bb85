/**
 * Spring test integration: {@link dev.foldout.spring.FoldoutDatabase} on a test class gives the context's data
 * sources a branch of a seeded database per test method or per class, without rebuilding the context.
 */
package dev.foldout.spring;
