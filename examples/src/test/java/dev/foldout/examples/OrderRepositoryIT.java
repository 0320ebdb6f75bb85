package dev.foldout.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.junit5.FoldoutBranch;
import dev.foldout.junit5.FoldoutTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * foldout-junit5 in a test class: every test gets its own copy-on-write branch of the database that
 * {@code db/shop.sql} builds (once, then reused while the script is unchanged), so tests may write freely.
 * Without a URL the extension uses Foldout's embedded PostgreSQL; this module's build points it at a
 * throw-away cluster instead ({@link ThrowawayServer}).
 */
@FoldoutTest(seed = "db/shop.sql", keepFailed = true)
class OrderRepositoryIT {

    @FoldoutBranch
    DataSource db;

    @Test
    void placingAnOrderRaisesTheCustomersTotal() throws SQLException {
        BigDecimal before = total(7);
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into orders (customer_id, total) values (?, ?)")) {
            ps.setInt(1, 7);
            ps.setBigDecimal(2, new BigDecimal("99.99"));
            ps.executeUpdate();
        }
        assertThat(total(7)).isEqualByComparingTo(before.add(new BigDecimal("99.99")));
    }

    @Test
    void deletingEveryOrderTouchesOnlyThisTestsBranch(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("delete from orders")).isEqualTo(1000);
        }
    }

    @Test
    void theSeedIsWholeInEveryTest(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from orders")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1000);
        }
    }

    private BigDecimal total(int customer) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select customer_total(?)")) {
            ps.setInt(1, customer);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }
}
