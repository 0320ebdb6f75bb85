package dev.foldout;

import java.util.Objects;

/**
 * One thing a merge cannot decide by itself: both sides changed the same thing differently, or the merged data would
 * break a constraint. Values are the servers' text output; {@code null} stands for SQL NULL or for a row or object
 * that does not exist on that side (then {@link #describe()} says "absent").
 *
 * @param kind   what kind of conflict it is
 * @param object the table or schema object, schema-qualified ({@code public.orders}, {@code index public.orders_x})
 * @param key    the row's key as {@code (id)=(10)}; empty for an object or a whole table
 * @param column the column; empty when the conflict is about a whole row or object
 * @param base   the value (or the object's definition) at the branch's base
 * @param parent the parent's value now
 * @param branch the branch's value now
 * @param detail what makes it a conflict, in words
 */
public record MergeConflict(Kind kind, String object, String key, String column, String base, String parent,
                            String branch, String detail) {
    /** The kinds of conflict. */
    public enum Kind {
        /** The same cell was changed to different values on each side. */
        CELL,
        /** A row was deleted on one side and changed on the other. */
        DELETE_CHANGE,
        /** Both sides added a row with the same key and different values. */
        INSERT_INSERT,
        /** A table or column was dropped on one side and written or changed on the other. */
        DROPPED,
        /** The same schema object was changed differently on each side. */
        SCHEMA,
        /** The merged data would violate a constraint (foreign key, unique, check, not null). */
        CONSTRAINT
    }

    /** Validates the record. */
    public MergeConflict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        key = Objects.requireNonNullElse(key, "");
        column = Objects.requireNonNullElse(column, "");
        detail = Objects.requireNonNullElse(detail, "");
    }

    /**
     * The conflict as one line: object, key, column, then the three values, e.g. {@code public.t (id)=(10) column v:
     * changed on both sides (base 'a', parent 'b', branch 'c')}.
     */
    public String describe() {
        StringBuilder b = new StringBuilder(object);
        if (!key.isEmpty()) {
            b.append(' ').append(key);
        }
        if (!column.isEmpty()) {
            b.append(" column ").append(column);
        }
        b.append(": ").append(detail);
        if (kind != Kind.CONSTRAINT) {
            b.append(" (base ").append(shown(base)).append(", parent ").append(shown(parent)).append(", branch ")
                    .append(shown(branch)).append(')');
        }
        return b.toString().replace('\n', ' ').replace('\r', ' ');
    }

    private static String shown(String value) {
        if (value == null) {
            return "absent";
        }
        String v = value.length() > 80 ? value.substring(0, 77) + "..." : value;
        return "'" + v.replace("'", "''") + "'";
    }
}
