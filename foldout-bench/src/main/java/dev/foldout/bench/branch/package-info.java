/** Harnesses that measure how long a branch takes, against the size of the database. */
package dev.foldout.bench.branch;
