package dev.foldout.zfs;

import dev.foldout.CopyOptions;
import dev.foldout.Foldout;

/**
 * Run in a child JVM by {@link ZfsCrashIT} with {@code -Dfoldout.failpoint=OP:N}: makes or deletes one instance
 * branch, or snapshots one, and is halted by the failpoint half-way. Arguments: {@code branch|delete URL NAME} or
 * {@code snapshot URL BRANCH SNAPSHOT}.
 */
public final class CrashChild {
    private CrashChild() {
    }

    /** Runs the operation; exits 0 if no failpoint stopped it. */
    public static void main(String[] args) {
        try (Foldout fld = Foldout.connect(args[1])) {
            switch (args[0]) {
                case "branch" -> fld.defaultDatabase().branch(args[2], CopyOptions.DEFAULTS.withBackend("zfs"));
                case "snapshot" -> fld.getBranch(args[2]).snapshot(args[3], CopyOptions.DEFAULTS);
                default -> fld.getBranch(args[2]).delete(false);
            }
        }
        System.exit(0);
    }
}
