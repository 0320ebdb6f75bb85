package dev.foldout.spring.boot;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** An account, mapped by JPA onto the table the Flyway migrations make. */
@Entity
@Table(name = "account")
public class Account {
    @Id
    private Integer id;
    private String owner;
    private BigDecimal balance = BigDecimal.ZERO;

    protected Account() {
    }

    public Account(int id, String owner) {
        this.id = id;
        this.owner = owner;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }
}
