package dev.foldout.internal.diff;

/**
 * What a diff file says about itself before its statements.
 *
 * @param parent       the database the SQL is applied to
 * @param branch       the database it reproduces
 * @param mode         {@code 2-way} (a branch against its parent) or {@code full-scan} (any two databases)
 * @param parentOid    the parent's OID when the diff was made: a file for another database is refused
 * @param parentSchema a fingerprint of the parent's schema then: a parent whose schema changed since is refused
 */
public record DiffHeader(String parent, String branch, String mode, long parentOid, String parentSchema) {
}
