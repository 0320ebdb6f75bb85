package dev.foldout.zfs.internal;

import java.util.Objects;

/**
 * Where the ZFS backend keeps one branch: the snapshot of the source dataset it was cloned from, and the clone.
 * Written to Foldout's catalog as {@code SNAPSHOT|CLONE} ('|' cannot occur in a ZFS name).
 *
 * @param snapshot the source dataset's snapshot, {@code pool/pgdata@foldout.NAME}
 * @param dataset  the branch's dataset, {@code pool/pgdata.foldout/NAME}
 */
public record ZfsLocation(String snapshot, String dataset) {
    /** The suffix of the dataset that holds the branches of a cluster's dataset, beside it. */
    public static final String CONTAINER_SUFFIX = ".foldout";

    /** Validates the record. */
    public ZfsLocation {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(dataset, "dataset");
    }

    /** The location of branch {@code branch} of dataset {@code source} whose root (unbranched) dataset is {@code root}. */
    public static ZfsLocation of(String source, String root, String branch) {
        String component = encode(branch);
        return new ZfsLocation(source + "@foldout." + component, root + CONTAINER_SUFFIX + "/" + component);
    }

    /** A branch name as one dataset-name component: '/' (which would make a child dataset) becomes ':'. */
    public static String encode(String branch) {
        if (!branch.matches("[A-Za-z0-9_.\\-/]+")) {
            throw new IllegalArgumentException("branch name '" + branch + "' cannot be a ZFS dataset name");
        }
        return branch.replace('/', ':');
    }

    /** The snapshot {@code name} of a branch's dataset, as Foldout names it: {@code DATASET@snapshot.NAME}. */
    public String userSnapshot(String name) {
        return dataset + "@snapshot." + encode(name);
    }

    /** Whether this branch's origin snapshot was made for it (and goes with it), rather than a user's snapshot. */
    public boolean ownsSnapshot() {
        return snapshot.contains("@foldout.");
    }

    /** Reads back {@link #toString()}. */
    public static ZfsLocation parse(String text) {
        int bar = text.indexOf('|');
        if (bar <= 0 || bar == text.length() - 1) {
            throw new IllegalArgumentException("not a zfs branch location: '" + text + "'");
        }
        return new ZfsLocation(text.substring(0, bar), text.substring(bar + 1));
    }

    /** The dataset that holds the clone. */
    public String container() {
        return dataset.substring(0, dataset.lastIndexOf('/'));
    }

    @Override
    public String toString() {
        return snapshot + "|" + dataset;
    }
}
