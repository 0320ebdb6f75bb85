package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Diff;
import dev.foldout.Locator;
import dev.foldout.TableDiff;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A seeded random workload of hundreds of operations over several tables, through each locator. */
class RandomWorkloadIT {
    private static final String SETUP = "create table a(id int primary key, v text, n int);"
            + "create table b(k1 int, k2 text, payload text, primary key (k1, k2));"
            + "create table c(x int, y text);"
            + "insert into a select g, 'a' || g, g from generate_series(1, 3000) g;"
            + "insert into b select g % 50, 'k' || g, repeat('p', g % 300) from generate_series(1, 3000) g;"
            + "insert into c select g % 20, 'c' || (g % 7) from generate_series(1, 1000) g;";

    @ParameterizedTest
    @EnumSource(value = Locator.class, names = {"WAL_SUMMARIES", "PAGESCAN", "FULL_COMPARE"})
    void hundredsOfOperations(Locator locator) {
        Random random = new Random(20261121L);
        StringJoiner work = new StringJoiner(";\n", "", ";");
        for (int i = 0; i < 400; i++) {
            int id = random.nextInt(4000);
            switch (random.nextInt(9)) {
                case 0 -> work.add("insert into a values (" + (5000 + i) + ", 'ins', " + id + ")");
                case 1 -> work.add("update a set v = 'u" + i + "' where id = " + id);
                case 2 -> work.add("delete from a where id = " + id);
                case 3 -> work.add("update a set n = n + 1 where id between " + id + " and " + (id + 20));
                case 4 -> work.add("insert into b values (" + (id % 60) + ", 'n" + i + "', 'new') on conflict do nothing");
                case 5 -> work.add("delete from b where k1 = " + (id % 50) + " and k2 like 'k1%'");
                case 6 -> work.add("update b set payload = repeat('q', " + (id % 5000) + ") where k1 = " + (id % 50));
                case 7 -> work.add("insert into c values (" + (id % 20) + ", 'r" + (i % 3) + "')");
                default -> work.add("delete from c where ctid = (select ctid from c where x = " + (id % 20) + " limit 1)");
            }
        }
        Diff diff = DiffScenario.run(SETUP, work.toString(), locator);
        // the scenario asserts parent equals branch after apply and that a second diff is empty; here, that the
        // workload really changed every table and that the asked locator served them
        assertThat(diff.tables()).hasSize(3).allMatch(TableDiff::hasChanges);
        assertThat(diff.tables()).extracting(TableDiff::locator).allMatch(l -> l.startsWith(ExpectedLocator.prefix(locator)));
    }
}
