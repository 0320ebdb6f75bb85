package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeds in layers: two classes share a schema layer and a reference-data layer and add rows of their own on top. The
 * lower layers are built once and copied - both classes see the same marker the schema layer drew when it was built -
 * and each class sees its own top layer, not the other's.
 */
class LayeredSeedIT {
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    static FoldoutExtensionBuilder reference() {
        return FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql", "db/layer-marker.sql").then()
                .seed("reference v1", ds -> {
                    try (Connection c = ds.getConnection()) {
                        c.createStatement().execute("insert into item values (2000, 'reference row')");
                    }
                });
    }

    @Test
    void lowerLayersAreBuiltOnceAndEachClassGetsItsOwnTop() {
        SEEN.clear();
        Kit.run(Orders.class, Invoices.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN.get("orders marker")).as("the schema layer's marker, seen through both top layers")
                .isNotNull().isEqualTo(SEEN.get("invoices marker"));
        assertThat(SEEN.get("orders rows")).isEqualTo("2000,3000");
        assertThat(SEEN.get("invoices rows")).isEqualTo("2000,4000");
        assertThat(Kit.databases("fld_seedtmp_")).as("no half-built layer left").isEmpty();
    }

    static class Orders {
        @RegisterExtension
        static FoldoutExtension db = reference().then().seed("orders v1", ds -> {
            try (Connection c = ds.getConnection()) {
                c.createStatement().execute("insert into item values (3000, 'an order')");
            }
        }).build();

        @Test
        void seesTheLayersBelowAndItsOwn(Connection c) throws SQLException {
            SEEN.put("orders marker", Kit.query(c, "select built::text from layer_marker"));
            SEEN.put("orders rows", Kit.query(c, "select string_agg(id::text, ',' order by id) from item where id >= 2000"));
        }
    }

    static class Invoices {
        @RegisterExtension
        static FoldoutExtension db = reference().then().seed("invoices v1", ds -> {
            try (Connection c = ds.getConnection()) {
                c.createStatement().execute("insert into item values (4000, 'an invoice')");
            }
        }).build();

        @Test
        void seesTheLayersBelowAndItsOwn(Connection c) throws SQLException {
            SEEN.put("invoices marker", Kit.query(c, "select built::text from layer_marker"));
            SEEN.put("invoices rows", Kit.query(c, "select string_agg(id::text, ',' order by id) from item where id >= 2000"));
        }
    }
}
