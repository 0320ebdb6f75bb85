package dev.foldout.internal;

/**
 * How an error message names its fix: as the API call a library caller makes. The CLI prints its own command in each
 * one's place (its {@code Views.forCli} knows these forms), so one message serves both.
 */
public final class Fixes {
    /** Makes or takes over Foldout's catalog; the CLI's {@code foldout init}. */
    public static final String INIT = "Foldout.initCatalog";
    /** Lists the server's databases. */
    public static final String DATABASES = "Foldout.databases()";
    /** Lists the snapshots. */
    public static final String SNAPSHOTS = "Foldout.snapshots()";
    /** Lists the branches. */
    public static final String BRANCHES = "Foldout.branches()";
    /** Repairs what dead processes left, and shows the instance branches' states. */
    public static final String REPAIR = "Foldout.repair()";
    /** The same, removing orphaned directories. */
    public static final String REPAIR_FILES = "Foldout.repair(true)";
    /** Brings a branch into its parent. */
    public static final String MERGE = "Branch.merge";
    /** Applies a diff. */
    public static final String APPLY = "Diff.apply()";
    /** Restores a database from another database's snapshot. */
    public static final String FROM_OTHER_DATABASE = "CopyOptions.withFromOtherDatabase(true)";
    /** Makes a branch without a merge base. */
    public static final String NO_BASE = "CopyOptions.withBase(false)";
    /** Where the server's address and login come from. */
    public static final String URL = "the connection URL";

    private Fixes() {
    }

    /** The diff of branch {@code name}. */
    public static String diff(String name) {
        return "getBranch(\"" + name + "\").diff()";
    }

    /** The diff of branch {@code name} against any other database. */
    public static String diffWithOther(String name) {
        return "Foldout.diff(\"" + name + "\", OTHER)";
    }

    /** The diff that makes database {@code other} look like branch {@code name}. */
    public static String diffWith(String name, String other) {
        return "Foldout.diff(\"" + name + "\", \"" + other + "\")";
    }

    /** Deletes snapshot {@code name}. */
    public static String deleteSnapshot(String name) {
        return "getSnapshot(\"" + name + "\").delete(true)";
    }

    /** Starts instance branch {@code name}. */
    public static String start(String name) {
        return "getBranch(\"" + name + "\").start()";
    }

    /** Makes branch {@code name} a fresh copy of its parent. */
    public static String reset(String name) {
        return "getBranch(\"" + name + "\").reset(false)";
    }

    /** Deletes branch {@code name} (and its catalog entry). */
    public static String deleteBranch(String name) {
        return "getBranch(\"" + name + "\").delete(true)";
    }

    /** Makes a branch of snapshot {@code name}. */
    public static String branchOfSnapshot(String name) {
        return "getSnapshot(\"" + name + "\").branch(NEW)";
    }
}
