package dev.foldout.internal.diff.schema;

import java.util.List;

/** The catalog objects the schema diff reads, one record per kind, exactly as the server deparses them. */
final class Model {
    private Model() {
    }

    /** Something with an OID and a name-based identity. */
    interface Obj {
        long oid();

        /** The name-based identity used to match unrelated databases. */
        String key();
    }

    record Schema(long oid, String name, String owner, List<String> acl, String comment) implements Obj {
        public String key() {
            return name;
        }
    }

    record Extension(long oid, String name, String schema, String version, String comment) implements Obj {
        public String key() {
            return name;
        }
    }

    /** An enum, composite, domain, range or base type. */
    record Type(long oid, String schema, String name, char typtype, String owner, List<String> acl, String comment,
                List<String> labels, List<Long> labelOids, List<String> attNames, List<String> attTypes,
                String baseType, boolean notNull, String defaultExpr, String collation, List<String> checkNames,
                List<String> checkDefs, long baseOid) implements Obj {
        public String key() {
            return schema + '\0' + name;
        }
    }

    /** A sequence; {@code ownerKind} is 'a' (serial, OWNED BY), 'i' (identity) or 0. */
    record Sequence(long oid, String schema, String name, String dataType, long start, long increment, long min,
                    long max, long cache, boolean cycle, Long lastValue, char persistence, long ownerTable,
                    int ownerColumn, char ownerKind, String owner, List<String> acl, String comment) implements Obj {
        public String key() {
            return schema + '\0' + name;
        }
    }

    /** A table, partitioned table, view, materialized view or foreign table. */
    record Relation(long oid, String schema, String name, char kind, char persistence, String tablespace,
                    boolean partition, long parent, String bound, String partitionKey, boolean rls, boolean forceRls,
                    List<String> options, String viewDef, String owner, List<String> acl, String comment,
                    List<String> inherits, char replicaIdentity, String replicaIndex) implements Obj {
        public String key() {
            return schema + '\0' + name;
        }

        boolean isTable() {
            return kind == 'r' || kind == 'p';
        }

        boolean isView() {
            return kind == 'v' || kind == 'm';
        }
    }

    /**
     * A column of a table; {@code defaultExpr} is the generation expression when {@code generated} is set;
     * {@code settings} are the non-default ones among {@code STORAGE x}, {@code COMPRESSION x}, {@code STATISTICS n}.
     */
    /**
     * A column. {@code missing}: the value that rows stored before the column was added hold without storing it
     * (a fast default, {@code attmissingval}), as text, when the type is not an array; {@code missingText}: the whole
     * {@code attmissingval} as text (null when there is none), to compare two sides by.
     */
    record Column(long table, int num, String name, String type, boolean notNull, String defaultExpr, char identity,
                  char generated, String collation, int inheritCount, long typeOid, long elemOid, List<String> acl,
                  String comment, List<String> settings, String missing, String missingText) implements Obj {
        public long oid() {
            return table * 10_000 + num;
        }

        public String key() {
            return name;
        }
    }

    record Constraint(long oid, long table, String name, char type, String def, long index, String comment) implements Obj {
        public String key() {
            return name;
        }
    }

    record Index(long oid, long table, String schema, String name, String def, String tablespace, String comment)
            implements Obj {
        public String key() {
            return name;
        }

        /** The definition without the index and table names: access method, columns, options, predicate. */
        String shape() {
            int using = def.indexOf(" USING ");
            return (def.startsWith("CREATE UNIQUE") ? "U" : "") + (using < 0 ? def : def.substring(using));
        }
    }

    /** A function, procedure, aggregate or window function ({@code kind} f, p, a, w). */
    record Function(long oid, String schema, String name, char kind, String identityArgs, String def, String args,
                    String result, String owner, List<String> acl, String comment, String deparsedName) implements Obj {
        public String key() {
            return schema + '\0' + name + '(' + identityArgs + ')';
        }
    }

    record Trigger(long oid, long table, String name, String def, char enabled, String comment) implements Obj {
        public String key() {
            return name;
        }
    }

    record Policy(long oid, long table, String name, boolean permissive, char command, List<String> roles,
                  String using, String check, String comment) implements Obj {
        public String key() {
            return name;
        }
    }

    /** A view's dependency on a relation (column 0: the whole relation). */
    record ViewDep(long view, long relation, int column) {
    }

    /** An object of a kind the diff does not handle. */
    record Other(String kind, String name, String def) {
    }
}
