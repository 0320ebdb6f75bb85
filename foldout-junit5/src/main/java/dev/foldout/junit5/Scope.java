package dev.foldout.junit5;

/** How long one branch lives: for one test method, or for all the tests of a class. */
public enum Scope {
    /** Each test method gets a fresh branch; what one test writes, the next never sees. */
    PER_TEST,
    /** The tests of a class share one branch, made before the first and dropped after the last. */
    PER_CLASS
}
