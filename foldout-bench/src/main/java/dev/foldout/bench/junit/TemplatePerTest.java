package dev.foldout.bench.junit;

import dev.foldout.ConnectionUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The baseline, as IntegreSQL-less harnesses (pgtestdb, zonky's embedded-database-spring-test) do it: before each
 * test {@code CREATE DATABASE t TEMPLATE seed STRATEGY WAL_LOG}, after it {@code DROP DATABASE t}. The seed is the
 * database named by {@code bench.template}; the wait is published as {@code foldout.wait.micros} like the
 * extension's.
 */
public final class TemplatePerTest implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TemplatePerTest.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Override
    public void beforeEach(ExtensionContext ctx) throws SQLException {
        String name = "bench_tpl_" + COUNTER.incrementAndGet();
        long t0 = System.nanoTime();
        try (Connection admin = open("postgres"); Statement st = admin.createStatement()) {
            st.execute("create database " + name + " template " + System.getProperty("bench.template") + " strategy wal_log");
        }
        ctx.publishReportEntry("foldout.wait.micros", Long.toString((System.nanoTime() - t0) / 1000));
        Connection c = open(name);
        ctx.getStore(NS).put("name", name);
        ctx.getStore(NS).put("connection", c);
    }

    @Override
    public void afterEach(ExtensionContext ctx) throws SQLException {
        ctx.getStore(NS).remove("connection", Connection.class).close();
        try (Connection admin = open("postgres"); Statement st = admin.createStatement()) {
            st.execute("drop database " + ctx.getStore(NS).remove("name", String.class) + " with (force)");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ctx) {
        return pc.getParameter().getType() == Connection.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ctx) {
        return ctx.getStore(NS).get("connection", Connection.class);
    }

    private static Connection open(String database) throws SQLException {
        ConnectionUrl url = ConnectionUrl.parse(System.getProperty("foldout.junit.url")).withDatabase(database);
        return DriverManager.getConnection(url.jdbcUrlWithCredentials());
    }
}
