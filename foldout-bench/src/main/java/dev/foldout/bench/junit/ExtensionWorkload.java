package dev.foldout.bench.junit;

import dev.foldout.junit5.FoldoutExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The measured tests on foldout-junit5: each gets a branch of the seed from the extension's pool. */
public class ExtensionWorkload {
    @RegisterExtension
    static FoldoutExtension db = FoldoutExtension.builder()
            .seed("bench-" + Integer.getInteger("bench.seed.mb", 10) + "mb", ds -> {
                try (Connection c = ds.getConnection()) {
                    Workload.fill(c, Integer.getInteger("bench.seed.mb", 10));
                }
            })
            .poolSize(Integer.getInteger("bench.pool", 4))
            .build();

    static IntStream tests() {
        return Workload.tests();
    }

    @ParameterizedTest
    @MethodSource("tests")
    void work(int test, Connection c) throws SQLException {
        Workload.run(c, test);
    }
}
