package dev.foldout.bench.junit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same tests on the baseline: a {@code CREATE DATABASE ... TEMPLATE ... STRATEGY WAL_LOG} per test. */
@ExtendWith(TemplatePerTest.class)
public class TemplateWorkload {

    static IntStream tests() {
        return Workload.tests();
    }

    @ParameterizedTest
    @MethodSource("tests")
    void work(int test, Connection c) throws SQLException {
        Workload.run(c, test);
    }
}
