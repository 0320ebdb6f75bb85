package dev.foldout;

/** How one conflict of a merge is settled. */
public enum MergeResolution {
    /** Refuse it: the merge fails, naming it, and nothing changes. */
    FAIL,
    /** Keep the parent's side: the branch's change of that row, cell or object is left out. */
    PARENT,
    /** Take the branch's side: its value, row, deletion or object replaces the parent's. */
    BRANCH
}
