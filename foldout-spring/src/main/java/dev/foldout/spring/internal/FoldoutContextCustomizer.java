package dev.foldout.spring.internal;

import dev.foldout.ConnectionUrl;
import dev.foldout.junit5.Seeder;
import dev.foldout.junit5.Seeders;
import dev.foldout.junit5.run.TestRun;
import dev.foldout.spring.FoldoutDatabase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives a test context's data sources to the branches of a seeded database: builds the seed (once per JVM and seed),
 * switches the context's own start-up migration off, and replaces each {@code DataSource} bean. Equal for equal
 * annotations, so Spring's context cache shares one context between the classes that configure it alike.
 */
final class FoldoutContextCustomizer implements ContextCustomizer {
    /** The bean that says which branch the data sources serve. */
    static final String ROUTING_BEAN = "foldoutBranchRouting";

    private final List<String> seed;
    private final List<String> flyway;
    private final String liquibase;
    private final int poolSize;
    private final String url;

    FoldoutContextCustomizer(FoldoutDatabase a) {
        this.seed = List.of(a.seed());
        this.flyway = List.of(a.flyway());
        this.liquibase = a.liquibase();
        this.poolSize = a.poolSize();
        this.url = a.url();
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        ConfigurableEnvironment env = context.getEnvironment();
        Optional<Seeder> seeder = seeder(env);
        TestRun run = TestRun.shared(url.isBlank() ? Optional.empty() : Optional.of(url),
                "@FoldoutDatabase(url) on " + config.getTestClass().getSimpleName(), seed, seeder, poolSize);
        ConnectionUrl seedUrl = run.seedUrl();
        // every branch already holds the migrated schema; a framework that builds its own pool finds a server
        env.getPropertySources().addFirst(new MapPropertySource("foldout-spring", Map.of(
                "spring.flyway.enabled", "false",
                "spring.liquibase.enabled", "false",
                "spring.sql.init.mode", "never",
                "spring.datasource.url", seedUrl.jdbcUrl(),
                "spring.datasource.username", java.util.Objects.requireNonNullElse(seedUrl.user(), ""),
                "spring.datasource.password", java.util.Objects.requireNonNullElse(seedUrl.password(), ""))));
        BranchRouting routing = new BranchRouting(run, TestRun.DEFAULT_TIMEOUT);
        context.getBeanFactory().registerSingleton(ROUTING_BEAN, routing);
        context.getBeanFactory().addBeanPostProcessor(new DataSourceReplacer(routing));
    }

    /**
     * After the scripts: the migrations named; else, as Spring Boot would run them, the context's own Flyway locations
     * when they hold migrations ({@code spring.flyway.locations}, default {@code classpath:db/migration}), else its
     * Liquibase change log when it is there ({@code spring.liquibase.change-log}, Boot's default
     * {@code classpath:/db/changelog/db.changelog-master.yaml}); a tool the context switches off
     * ({@code spring.flyway.enabled=false}, {@code spring.liquibase.enabled=false}) is not looked for.
     */
    private Optional<Seeder> seeder(ConfigurableEnvironment env) {
        Seeder seeder = null;
        if (!flyway.isEmpty()) {
            seeder = Seeders.flyway(flyway.toArray(String[]::new));
        } else if (!liquibase.isBlank()) {
            seeder = Seeders.liquibase(liquibase);
        } else if (seed.isEmpty()) {
            seeder = contextsOwn(env).orElse(null);
        }
        if (seed.isEmpty() && seeder == null) {
            throw new IllegalStateException("@FoldoutDatabase has nothing to build the seed with: name seed scripts, "
                    + "flyway locations or a liquibase change log, or put Flyway migrations in classpath:db/migration "
                    + "(or the context's spring.flyway.locations), or a Liquibase change log at spring.liquibase.change-log");
        }
        return Optional.ofNullable(seeder);
    }

    /** The context's own Flyway migrations, else its own Liquibase change log, when on the class path and enabled. */
    private static Optional<Seeder> contextsOwn(ConfigurableEnvironment env) {
        if (present("org.flywaydb.core.Flyway") && env.getProperty("spring.flyway.enabled", Boolean.class, true)) {
            String[] locations = Arrays.stream(env.getProperty("spring.flyway.locations", "classpath:db/migration")
                    .split(",")).map(String::strip).filter(l -> !l.isEmpty()).toArray(String[]::new);
            if (Arrays.stream(locations).anyMatch(Seeders::hasMigrations)) {
                return Optional.of(Seeders.flyway(locations));
            }
        }
        if (present("liquibase.Liquibase") && env.getProperty("spring.liquibase.enabled", Boolean.class, true)) {
            String changeLog = env.getProperty("spring.liquibase.change-log",
                    "classpath:/db/changelog/db.changelog-master.yaml");
            String resource = changeLog.replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
            if (FoldoutContextCustomizer.class.getClassLoader().getResource(resource) != null) {
                return Optional.of(Seeders.liquibase(resource));
            }
        }
        return Optional.empty();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, FoldoutContextCustomizer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FoldoutContextCustomizer c && seed.equals(c.seed) && flyway.equals(c.flyway)
                && liquibase.equals(c.liquibase) && poolSize == c.poolSize && url.equals(c.url);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(seed, flyway, liquibase, poolSize, url);
    }
}
