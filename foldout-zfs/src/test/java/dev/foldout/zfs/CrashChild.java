package dev.foldout.zfs;

import dev.foldout.CopyOptions;
import dev.foldout.Foldout;

/**
 * Run in a child JVM by {@link ZfsCrashIT} with {@code -Dfoldout.failpoint=OP:N}: makes or deletes one instance
 * branch and is halted by the failpoint half-way. Arguments: {@code branch|delete URL NAME}.
 */
public final class CrashChild {
    private CrashChild() {
    }

    /** Runs the operation; exits 0 if no failpoint stopped it. */
    public static void main(String[] args) {
        try (Foldout fld = Foldout.connect(args[1])) {
            if (args[0].equals("branch")) {
                fld.defaultDatabase().branch(args[2], CopyOptions.DEFAULTS.withBackend("zfs"));
            } else {
                fld.getBranch(args[2]).delete(false);
            }
        }
        System.exit(0);
    }
}
