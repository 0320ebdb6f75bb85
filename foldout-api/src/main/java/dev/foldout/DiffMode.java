package dev.foldout;

/** How a diff was made, as {@link Diff#mode()} reports it; a diff file's header writes {@link #label()}. */
public enum DiffMode {
    /** A branch's own changes since its merge base: what a merge brings into the parent. */
    THREE_WAY("3-way"),
    /** A branch against its parent from the branch point: applying it makes the parent equal to the branch. */
    TWO_WAY("2-way"),
    /** Any two databases, every table compared in full. */
    FULL_SCAN("full-scan");

    private final String label;

    DiffMode(String label) {
        this.label = label;
    }

    /** How diff files and the CLI write it: {@code 3-way}, {@code 2-way}, {@code full-scan}. */
    public String label() {
        return label;
    }

    /** The mode a diff file's header names. */
    public static DiffMode ofLabel(String label) {
        for (DiffMode m : values()) {
            if (m.label.equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown diff mode '" + label + "' (known: 3-way, 2-way, full-scan)");
    }

    @Override
    public String toString() {
        return label;
    }
}
