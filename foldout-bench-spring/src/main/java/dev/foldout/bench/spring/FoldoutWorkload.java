package dev.foldout.bench.spring;

import dev.foldout.spring.FoldoutDatabase;

/** {@link NotesWorkload} with foldout-spring: each test on a branch of the seed the context's migrations built. */
@FoldoutDatabase
public class FoldoutWorkload extends NotesWorkload {
}
