package dev.foldout.junit5;

import dev.foldout.FoldoutException;

/**
 * Building the seed database failed: a script statement (named by script and line) or the seeder. No part
 * of the failed seed is kept, so the next run builds it again.
 */
public class SeedFailedException extends FoldoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the script and line (or the seeder) and the fix. */
    public SeedFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
