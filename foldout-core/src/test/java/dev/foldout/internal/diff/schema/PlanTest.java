package dev.foldout.internal.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.internal.diff.schema.ObjectChange.Action;
import org.junit.jupiter.api.Test;

class PlanTest {
    @Test
    void ordersByPhaseThenInsertionAndGroupsPerObject() {
        Plan plan = new Plan();
        plan.post(Plan.POST_FOREIGN_KEY, "constraint", "t.fk", Action.CREATE, "fk");
        plan.pre(Plan.PRE_TABLE, "table", "t", Action.CREATE, "create t");
        plan.pre(Plan.PRE_CREATE_SCHEMA, "schema", "s", Action.CREATE, "create s");
        plan.post(Plan.POST_PRIMARY_KEY, "table", "t", Action.ALTER, "pk");
        plan.pre(Plan.PRE_TABLE, "table", "u", Action.CREATE, "create u");
        assertThat(plan.preData()).containsExactly("create s", "create t", "create u");
        assertThat(plan.postData()).containsExactly("pk", "fk");
        assertThat(plan.changes()).containsExactly(
                new ObjectChange("schema", "s", Action.CREATE, java.util.List.of("create s")),
                new ObjectChange("table", "t", Action.CREATE, java.util.List.of("create t", "pk")),
                new ObjectChange("table", "u", Action.CREATE, java.util.List.of("create u")),
                new ObjectChange("constraint", "t.fk", Action.CREATE, java.util.List.of("fk")));
    }

    @Test
    void literalsDoubleQuotesAndKeepNull() {
        assertThat(Sql.literal("it's")).isEqualTo("'it''s'");
        assertThat(Sql.literal(null)).isEqualTo("NULL");
        assertThat(Sql.q("s", "We\"ird")).isEqualTo("\"s\".\"We\"\"ird\"");
    }
}
