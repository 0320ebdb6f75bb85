package dev.foldout.bench.junit;

import org.junit.jupiter.api.extension.ExtendWith;

/** The same tests in a transaction on the seed, rolled back after each. */
@ExtendWith(RollbackPerTest.class)
public class RollbackWorkload extends Workload {
}
