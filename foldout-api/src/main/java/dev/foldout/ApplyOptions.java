package dev.foldout;

import java.util.Objects;

/**
 * Options of one apply.
 *
 * @param target the database to apply to; empty: the one the diff names as its parent
 * @param force  apply even if the target changed since the diff was made, or is not the database the diff was made for
 */
public record ApplyOptions(String target, boolean force) {
    /** The defaults: the diff's own parent, refuse if it changed. */
    public static final ApplyOptions DEFAULTS = new ApplyOptions("", false);

    /** Validates the record. */
    public ApplyOptions {
        target = Objects.requireNonNullElse(target, "");
    }

    /** These options applying to {@code value} instead (empty: the diff's own parent). */
    public ApplyOptions withTarget(String value) {
        return new ApplyOptions(value, force);
    }

    /** These options with {@code force} set: apply even to a target that changed since the diff was made. */
    public ApplyOptions withForce(boolean value) {
        return new ApplyOptions(target, value);
    }
}
