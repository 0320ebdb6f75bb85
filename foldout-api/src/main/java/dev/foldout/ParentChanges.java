package dev.foldout;

/**
 * What the parent changed on its own since the branch was made, and a two-way diff (a branch without a merge base)
 * would undo: applying such a diff makes the parent equal to the branch. Foldout tells these apart by the
 * transaction that wrote each row version and catalog entry, so it knows them only for branches whose branch point
 * recorded it; three-way diffs ({@link Branch#merge}) keep the parent's own work and report none here.
 *
 * @param known   whether Foldout could tell (false: a branch made before it recorded its transaction ID, two
 *                databases that are not branch and parent, or an instance branch)
 * @param rows    the parent's rows inserted, updated or deleted since the branch that the diff changes back
 * @param objects the parent's schema objects created, altered or dropped since the branch, when the diff has
 *                schema statements (an object both sides changed alike counts too)
 */
public record ParentChanges(boolean known, long rows, long objects) {
    /** Nothing of the parent's own: the parent was not written since the branch, or the diff leaves all of it. */
    public static final ParentChanges NONE = new ParentChanges(true, 0, 0);
    /** Not known. */
    public static final ParentChanges UNKNOWN = new ParentChanges(false, 0, 0);

    /** Whether applying the diff would undo some of the parent's own work. */
    public boolean undoesParentWork() {
        return rows > 0 || objects > 0;
    }

    /** One line for people, e.g. {@code 3 rows and 1 schema object of the parent's own}. */
    public String describe() {
        if (!known) {
            return "not known";
        }
        return rows + (rows == 1 ? " row" : " rows") + " and " + objects + (objects == 1 ? " schema object" : " schema objects")
                + " of the parent's own";
    }
}
