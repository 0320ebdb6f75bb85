package dev.foldout.spring.boot;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data JPA's repository of accounts. */
public interface AccountJpaRepository extends JpaRepository<Account, Integer> {
}
