package dev.foldout.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.spring.FoldoutDatabase;
import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.annotation.Transactional;

/**
 * The same Boot application through JPA (Hibernate, Spring Data): each test saves the same entity, renames another
 * and flushes, in a test-managed transaction and outside one, on a branch of its own.
 */
@SpringBootTest(classes = AccountsApplication.class, properties = "spring.jpa.open-in-view=false")
@FoldoutDatabase
class JpaAppIT {
    static {
        System.setProperty("foldout.junit.url", TestPostgres.url("postgres").jdbcUrlWithCredentials());
    }

    @Autowired
    AccountJpaRepository accounts;

    @RepeatedTest(3)
    void savesTheSameEntityOnItsOwnBranch() {
        assertThat(accounts.count()).isEqualTo(200);
        assertThat(accounts.existsById(9000)).isFalse();
        accounts.save(new Account(9000, "a test"));
        Account first = accounts.findById(1).orElseThrow();
        assertThat(first.getOwner()).isEqualTo("owner 1");
        first.setOwner("renamed");
        accounts.saveAndFlush(first);
        assertThat(accounts.count()).isEqualTo(201);
    }

    @RepeatedTest(2)
    @Transactional
    void insideATestManagedTransactionToo() {
        assertThat(accounts.count()).isEqualTo(200);
        assertThat(accounts.findById(1).orElseThrow().getOwner()).isEqualTo("owner 1");
        accounts.saveAndFlush(new Account(9000, "a test"));
    }
}
