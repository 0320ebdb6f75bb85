package dev.foldout.junit5;

import dev.foldout.junit5.internal.MigrationFiles;
import java.sql.Connection;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Builds the seed with Liquibase from the project's change log, found on the class path. Its key is the hash of every
 * file in the change log's directory (and below: the files it includes) and Liquibase's version: a change set added or
 * changed makes a new seed by itself. Needs {@code org.liquibase:liquibase-core} on the test class path. Extend it with
 * a public no-argument constructor to name it in {@link FoldoutTest#seeder()}.
 */
public class LiquibaseSeeder implements Seeder {
    private final String changeLog;

    /** The change log {@code changeLog}, a class path resource such as {@code db/changelog/db.changelog-master.yaml}. */
    public LiquibaseSeeder(String changeLog) {
        this.changeLog = changeLog.replaceAll("^(classpath:)?/*", "");
        Seeders.require("liquibase.Liquibase", "Seeders.liquibase", "org.liquibase:liquibase-core");
        ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : LiquibaseSeeder.class.getClassLoader();
        if (cl.getResource(this.changeLog) == null) {
            throw new IllegalArgumentException("the Liquibase change log " + changeLog + " is not on the class path: put it "
                    + "under src/test/resources or src/main/resources, or fix the name");
        }
    }

    @Override
    public void seed(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            liquibase.database.Database db = liquibase.database.DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new liquibase.database.jvm.JdbcConnection(c));
            new liquibase.command.CommandScope(liquibase.command.core.UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                    .addArgumentValue(liquibase.command.core.UpdateCommandStep.CHANGELOG_FILE_ARG, changeLog)
                    .execute();
        }
    }

    @Override
    public Optional<String> contentKey() {
        int slash = changeLog.lastIndexOf('/');
        String dir = slash < 0 ? "" : changeLog.substring(0, slash);
        return Optional.of(MigrationFiles.key("liquibase " + Seeders.versionOf("liquibase.Liquibase") + " " + changeLog,
                dir.isEmpty() ? changeLog : dir));
    }

    @Override
    public String toString() {
        return "Liquibase (" + changeLog + ")";
    }
}
