package dev.foldout.bench.junit;

import dev.foldout.junit5.FoldoutExtension;
import java.sql.Connection;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The measured tests on foldout-junit5: each gets a branch of the seed from the extension's pool. */
public class ExtensionWorkload extends Workload {
    @RegisterExtension
    static FoldoutExtension db = FoldoutExtension.builder()
            .seed("bench-" + Integer.getInteger("bench.seed.mb", 10) + "mb", ds -> {
                try (Connection c = ds.getConnection()) {
                    Workload.fill(c, Integer.getInteger("bench.seed.mb", 10));
                }
            })
            .poolSize(Integer.getInteger("bench.pool", 4))
            .build();
}
