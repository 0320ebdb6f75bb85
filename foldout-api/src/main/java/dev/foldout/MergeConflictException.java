package dev.foldout;

import java.util.List;

/**
 * A merge (or rebase) was refused because of conflicts that no resolution settled; nothing was changed on either
 * side. {@link #conflicts()} names each one; {@link #result()} holds the whole plan as a dry run would report it.
 */
public class MergeConflictException extends FoldoutException {
    private static final long serialVersionUID = 1L;

    /** The result of the refused merge. */
    private final transient MergeResult result;

    /** Creates the exception for a merge whose plan is {@code result}. */
    public MergeConflictException(String message, MergeResult result) {
        super(message);
        this.result = result;
    }

    /** The conflicts, each one line with {@link MergeConflict#describe()}. */
    public List<MergeConflict> conflicts() {
        return result.conflicts();
    }

    /** The refused merge's plan: what it would have applied, its conflicts and the parent's drift. */
    public MergeResult result() {
        return result;
    }
}
