package dev.foldout.internal.diff.schema;

import static dev.foldout.internal.diff.schema.Sql.q;

import dev.foldout.internal.diff.schema.Model.Column;
import dev.foldout.internal.diff.schema.Model.Sequence;
import java.util.List;

/** Column definitions: type, collation, generation expression, identity. */
final class ColumnDdl {
    private ColumnDdl() {
    }

    /** {@code "c" type [COLLATE x] [GENERATED …]}, without default or NOT NULL. */
    static String definition(Column c, List<Sequence> sequences, boolean withIdentity) {
        StringBuilder sb = new StringBuilder(q(c.name())).append(' ').append(c.type());
        if (c.collation() != null) {
            sb.append(" COLLATE ").append(c.collation());
        }
        if (c.generated() != 0) {
            sb.append(generation(c));
        }
        if (withIdentity && c.identity() != 0) {
            sb.append(' ').append(identity(c, sequences));
        }
        return sb.toString();
    }

    static String generation(Column c) {
        return " GENERATED ALWAYS AS (" + c.defaultExpr() + ")" + (c.generated() == 'v' ? " VIRTUAL" : " STORED");
    }

    /** {@code GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY (SEQUENCE NAME … options)}. */
    static String identity(Column c, List<Sequence> sequences) {
        String kind = c.identity() == 'a' ? "ALWAYS" : "BY DEFAULT";
        Sequence s = sequences.stream()
                .filter(x -> x.ownerKind() == 'i' && x.ownerTable() == c.table() && x.ownerColumn() == c.num())
                .findFirst().orElse(null);
        if (s == null) {
            return "GENERATED " + kind + " AS IDENTITY";
        }
        String options = SequenceDiff.options(s);
        options = options.substring(options.indexOf(" INCREMENT BY ") + 1);
        return "GENERATED " + kind + " AS IDENTITY (SEQUENCE NAME " + q(s.schema(), s.name()) + " " + options + ")";
    }
}
