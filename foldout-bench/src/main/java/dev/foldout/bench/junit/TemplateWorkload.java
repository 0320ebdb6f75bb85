package dev.foldout.bench.junit;

import org.junit.jupiter.api.extension.ExtendWith;

/** The same tests on the baseline: a {@code CREATE DATABASE ... TEMPLATE ... STRATEGY WAL_LOG} per test. */
@ExtendWith(TemplatePerTest.class)
public class TemplateWorkload extends Workload {
}
