package dev.foldout.internal.diff.schema;

import dev.foldout.internal.diff.schema.Model.Column;
import dev.foldout.internal.diff.schema.Model.Constraint;
import dev.foldout.internal.diff.schema.Model.Extension;
import dev.foldout.internal.diff.schema.Model.Function;
import dev.foldout.internal.diff.schema.Model.Index;
import dev.foldout.internal.diff.schema.Model.Other;
import dev.foldout.internal.diff.schema.Model.Policy;
import dev.foldout.internal.diff.schema.Model.Relation;
import dev.foldout.internal.diff.schema.Model.Schema;
import dev.foldout.internal.diff.schema.Model.Sequence;
import dev.foldout.internal.diff.schema.Model.Trigger;
import dev.foldout.internal.diff.schema.Model.Type;
import dev.foldout.internal.diff.schema.Model.ViewDep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One side's schema: every object the diff looks at, read by {@link CatalogReader}. */
record Catalog(int serverVersion, List<Schema> schemas, List<Extension> extensions, List<Type> types,
               List<Sequence> sequences, List<Relation> relations, List<Column> columns,
               List<Constraint> constraints, List<Index> indexes, List<Function> functions, List<Trigger> triggers,
               List<Policy> policies, List<ViewDep> viewDeps, List<Other> others) {

    Map<Long, Relation> relationsByOid() {
        Map<Long, Relation> out = new HashMap<>();
        relations.forEach(r -> out.put(r.oid(), r));
        return out;
    }

    Map<Long, List<Column>> columnsByTable() {
        Map<Long, List<Column>> out = new HashMap<>();
        columns.forEach(c -> out.computeIfAbsent(c.table(), k -> new ArrayList<>()).add(c));
        return out;
    }

    Map<Long, Type> typesByOid() {
        Map<Long, Type> out = new HashMap<>();
        types.forEach(t -> out.put(t.oid(), t));
        return out;
    }
}
