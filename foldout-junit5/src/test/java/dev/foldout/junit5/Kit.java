package dev.foldout.junit5;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs small test classes through the Jupiter engine - each call is one whole test run - and looks at the server. */
final class Kit {
    private Kit() {
    }

    /** The test cluster's URL, with credentials, for the extensions under test. */
    static String url() {
        return TestPostgres.url("postgres").jdbcUrlWithCredentials();
    }

    /** One run of {@code classes}, with extra configuration parameters. */
    static EngineExecutionResults run(Map<String, String> params, Class<?>... classes) {
        var request = EngineTestKit.engine("junit-jupiter").configurationParameters(params);
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        return request.execute();
    }

    /** One run of {@code classes}. */
    static EngineExecutionResults run(Class<?>... classes) {
        return run(Map.of(), classes);
    }

    /** The databases of the test cluster whose names start with {@code prefix}. */
    static List<String> databases(String prefix) {
        List<String> out = new ArrayList<>();
        try (Connection c = TestPostgres.connect("postgres");
             var ps = c.prepareStatement("select datname::text from pg_database where starts_with(datname, ?) order by 1")) {
            ps.setString(1, prefix);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The single value of a query on {@code c}. */
    static String query(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
