package dev.foldout.internal.diff;

import dev.foldout.ParentChanges;

/**
 * What a diff file says about itself before its statements.
 *
 * @param parent       the database the SQL is applied to
 * @param branch       the database it reproduces
 * @param mode         {@code 2-way} (a branch against its parent) or {@code full-scan} (any two databases)
 * @param parentOid    the parent's OID when the diff was made: a file for another database is refused
 * @param parentSchema a fingerprint of the parent's schema then: a parent whose schema changed since is refused
 * @param parentOwn    what the parent changed on its own since the branch that applying would undo (two-way diffs)
 */
public record DiffHeader(String parent, String branch, String mode, long parentOid, String parentSchema,
                         ParentChanges parentOwn) {
    /** A header that says nothing of the parent's own work (not known). */
    public DiffHeader(String parent, String branch, String mode, long parentOid, String parentSchema) {
        this(parent, branch, mode, parentOid, parentSchema, ParentChanges.UNKNOWN);
    }
}
