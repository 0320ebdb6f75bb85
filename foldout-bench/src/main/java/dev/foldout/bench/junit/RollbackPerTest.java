package dev.foldout.bench.junit;

import dev.foldout.ConnectionUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The bar a database per test is measured against: every test in a transaction on the seed itself, rolled back after
 * it, on one connection kept open for the whole run (as a Spring {@code @Transactional} test on a pooled connection).
 * The seed is the database named by {@code bench.template}; the wait (zero: nothing is made) is published as
 * {@code foldout.wait.micros} like the extension's.
 */
public final class RollbackPerTest implements BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private static Connection connection;

    @Override
    public void beforeEach(ExtensionContext ctx) throws SQLException {
        long t0 = System.nanoTime();
        if (connection == null) {
            ConnectionUrl url = ConnectionUrl.parse(System.getProperty("foldout.junit.url"))
                    .withDatabase(System.getProperty("bench.template"));
            connection = DriverManager.getConnection(url.jdbcUrlWithCredentials());
        }
        connection.setAutoCommit(false);
        ctx.publishReportEntry("foldout.wait.micros", Long.toString((System.nanoTime() - t0) / 1000));
    }

    @Override
    public void afterEach(ExtensionContext ctx) throws SQLException {
        connection.rollback();
    }

    @Override
    public void afterAll(ExtensionContext ctx) throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ctx) {
        return pc.getParameter().getType() == Connection.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ctx) {
        return connection;
    }
}
