package dev.foldout.junit5.internal;

import dev.foldout.FoldoutException;
import dev.foldout.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Copies the seed a layer is built on into the layer's temporary database: {@code CREATE DATABASE ... TEMPLATE}, by
 * file copy on PostgreSQL 15 and later (a clone where the server's {@code file_copy_method} and file system allow).
 * The seed below may be in use for a moment - another class's pool copying or rewinding from it - which is waited out.
 */
final class SeedLayers {
    private static final long BUSY_WAIT_NANOS = 60_000_000_000L;

    private SeedLayers() {
    }

    static void copy(Connections conns, String below, String temp) {
        long deadline = System.nanoTime() + BUSY_WAIT_NANOS;
        try (Connection c = conns.open(conns.url().database())) {
            int major = Integer.parseInt(Sql.first(c, "select current_setting('server_version_num')", rs -> rs.getString(1))
                    .orElseThrow()) / 10000;
            String sql = "create database " + Identifiers.quote(temp) + " template " + Identifiers.quote(below)
                    + (major >= 15 ? " strategy file_copy" : "");
            while (true) {
                try {
                    Sql.execute(c, sql);
                    return;
                } catch (SQLException e) {
                    if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) { // 55006: in use by others
                        throw e;
                    }
                    sleep();
                }
            }
        } catch (SQLException e) {
            throw new FoldoutException("cannot copy seed " + below + " to build the layer on it, on " + conns.address()
                    + ": " + StartFailure.firstLine(e.getMessage()) + " - close the sessions connected to " + below, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FoldoutException("interrupted while waiting to copy a seed");
        }
    }
}
