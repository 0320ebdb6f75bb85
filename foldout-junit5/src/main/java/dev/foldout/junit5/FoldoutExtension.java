package dev.foldout.junit5;

import dev.foldout.ConnectionUrl;
import dev.foldout.junit5.internal.ExtensionConfig;
import dev.foldout.junit5.internal.Injection;
import dev.foldout.junit5.internal.KeptBranchNotice;
import dev.foldout.junit5.internal.RunState;
import dev.foldout.junit5.internal.SeedSpec;
import dev.foldout.junit5.internal.TestBranch;
import dev.foldout.junit5.internal.TrackedDataSource;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each test (or each test class) its own copy-on-write branch of a seeded database, injected as a
 * {@link javax.sql.DataSource}, a {@link java.sql.Connection} or a JDBC URL ({@link FoldoutBranch}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static FoldoutExtension db = FoldoutExtension.builder().seedScripts("db/schema.sql", "db/data.sql").build();
 *
 * @Test
 * void countsOrders(Connection c) throws SQLException { ... }
 * }</pre>
 *
 * The seed is built once and kept under a name derived from its inputs, so later runs reuse it while the
 * scripts and the seeder's version stay the same. Branches are made ahead by a background pool and dropped in
 * the background; every branch of a run is gone when it ends (a killed run's are dropped by the next run),
 * except those of failed tests when {@link Builder#keepFailed(boolean)} asks to keep them. {@link FoldoutTest}
 * is the annotation form.
 */
public final class FoldoutExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler {
    /** The default number of branches made ahead of the tests. */
    public static final int DEFAULT_POOL_SIZE = 2;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FoldoutExtension.class);
    private static final String BRANCH = "branch";
    private static final String TEST_CONNECTIONS = "connections";
    private static final String SETUP = "setup";
    private static final Logger LOG = LoggerFactory.getLogger(FoldoutExtension.class);

    private final ExtensionConfig fixed;

    /** For {@link FoldoutTest}: the configuration comes from the annotation. */
    private FoldoutExtension() {
        this(null);
    }

    private FoldoutExtension(ExtensionConfig config) {
        this.fixed = config;
    }

    /** A builder for the {@code @RegisterExtension} form. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext ctx) {
        ExtensionConfig config = config(ctx);
        RunState run = run(ctx, config);
        List<Field> statics = Injection.fields(ctx.getRequiredTestClass(), true);
        if (config.scope() == Scope.PER_CLASS) {
            TestBranch tb = run.take();
            ctx.getStore(NS).put(BRANCH, tb);
            for (Field f : statics) {
                Injection.set(f, null, Injection.value(f.getType(), tb, tb.dataSource(), tb.dataSource()));
            }
        } else if (!statics.isEmpty()) {
            throw new ExtensionConfigurationException("static @FoldoutBranch field " + statics.get(0).getName()
                    + " needs one branch for the whole class: use scope PER_CLASS, or make the field non-static");
        }
    }

    @Override
    public void beforeEach(ExtensionContext ctx) {
        ExtensionConfig config = config(ctx);
        TestBranch tb;
        if (config.scope() == Scope.PER_TEST) {
            tb = run(ctx, config).take();
            ctx.getStore(NS).put(BRANCH, tb);
            ctx.publishReportEntry("foldout.branch", tb.name());
            ctx.publishReportEntry("foldout.wait.micros", Long.toString(tb.waitNanos() / 1000));
        } else {
            tb = ctx.getStore(NS).get(BRANCH, TestBranch.class);
            if (tb == null) {
                throw new ExtensionConfigurationException("scope PER_CLASS needs the extension on a static field "
                        + "(@RegisterExtension static FoldoutExtension ...) or @FoldoutTest, so that it runs before all tests");
            }
        }
        TrackedDataSource connections = tb.newDataSource();
        ctx.getStore(NS).put(TEST_CONNECTIONS, connections);
        javax.sql.DataSource ds = config.scope() == Scope.PER_TEST ? connections : tb.dataSource();
        for (Object instance : ctx.getRequiredTestInstances().getAllInstances()) {
            for (Field f : Injection.fields(instance.getClass(), false)) {
                Injection.set(f, instance, Injection.value(f.getType(), tb, ds, connections));
            }
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext ctx, Throwable failure) throws Throwable {
        ExtensionConfig config = config(ctx);
        TestBranch tb = ctx.getStore(NS).get(BRANCH, TestBranch.class);
        if (config.keepFailed() && tb != null) {
            tb.markFailed();
            failure.addSuppressed(new KeptBranchNotice(tb, config.scope() == Scope.PER_CLASS));
        }
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext ctx) {
        ExtensionContext.Store store = ctx.getStore(NS);
        TrackedDataSource connections = store.remove(TEST_CONNECTIONS, TrackedDataSource.class);
        if (connections != null) {
            connections.close();
        }
        ExtensionConfig config = config(ctx);
        if (config.scope() == Scope.PER_TEST) {
            TestBranch tb = store.remove(BRANCH, TestBranch.class);
            if (tb != null) {
                release(ctx, config, tb, ctx.getExecutionException().isPresent());
            }
        } else if (ctx.getExecutionException().isPresent()) {
            TestBranch tb = store.get(BRANCH, TestBranch.class);
            if (tb != null) {
                tb.markFailed();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext ctx) {
        ExtensionConfig config = config(ctx);
        TestBranch tb = ctx.getStore(NS).remove(BRANCH, TestBranch.class);
        if (config.scope() == Scope.PER_CLASS && tb != null) {
            release(ctx, config, tb, tb.failed() || ctx.getExecutionException().isPresent());
        }
    }

    private void release(ExtensionContext ctx, ExtensionConfig config, TestBranch tb, boolean failed) {
        boolean keep = config.keepFailed() && failed;
        run(ctx, config).release(tb, keep);
        if (keep) {
            LOG.warn("{} failed; its branch {} is kept: connect with {}; drop it with: foldout delete-branch {}",
                    ctx.getDisplayName(), tb.name(), tb.describe(), tb.name());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ctx) {
        return !(pc.getDeclaringExecutable() instanceof Constructor)
                && Injection.supports(pc.getParameter().getType(), pc.isAnnotated(FoldoutBranch.class));
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ctx) {
        TestBranch tb = ctx.getStore(NS).get(BRANCH, TestBranch.class);
        if (tb == null) {
            throw new ParameterResolutionException("no branch for parameter " + pc.getParameter().getName() + " of "
                    + pc.getDeclaringExecutable().getName() + ": a @BeforeAll method gets one only with scope PER_CLASS");
        }
        TrackedDataSource connections = ctx.getStore(NS).get(TEST_CONNECTIONS, TrackedDataSource.class);
        boolean perTest = config(ctx).scope() == Scope.PER_TEST && connections != null;
        return Injection.value(pc.getParameter().getType(), tb, perTest ? connections : tb.dataSource(),
                connections != null ? connections : tb.dataSource());
    }

    private ExtensionConfig config(ExtensionContext ctx) {
        return setup(ctx).config();
    }

    /** The configuration and its run key, worked out once per class (the key hashes the scripts). */
    private Setup setup(ExtensionContext ctx) {
        Setup s = ctx.getStore(NS).get(SETUP, Setup.class);
        if (s == null) {
            ExtensionConfig config = fixed != null ? fixed : Builder.fromAnnotation(ctx.getRequiredTestClass());
            s = new Setup(config, config.runKey());
            ctx.getStore(NS).put(SETUP, s);
        }
        return s;
    }

    private RunState run(ExtensionContext ctx, ExtensionConfig config) {
        String key = "run|" + setup(ctx).runKey();
        return ctx.getRoot().getStore(NS).getOrComputeIfAbsent(key, k -> RunState.open(config), RunState.class);
    }

    private record Setup(ExtensionConfig config, String runKey) {
    }

    /**
     * Builds a {@link FoldoutExtension}: the server, the seed, the scope, the pool size and whether to keep the
     * branches of failed tests. Each setter checks its value at once.
     */
    public static final class Builder {
        private String url;
        private final List<String> scripts = new ArrayList<>();
        private Seeder seeder;
        private String seederVersion = "";
        private Scope scope = Scope.PER_TEST;
        private int poolSize = DEFAULT_POOL_SIZE;
        private boolean keepFailed;

        private Builder() {
        }

        /**
         * The server, as a JDBC URL or libpq URI. Without it: the system property {@code foldout.junit.url}, else
         * the environment variable {@code FOLDOUT_JUNIT_URL}, else Foldout's embedded cluster.
         */
        public Builder url(String serverUrl) {
            ConnectionUrl.parse(serverUrl);
            this.url = serverUrl;
            return this;
        }

        /** Class path SQL scripts that build the seed, run in this order (added to any given before). */
        public Builder seedScripts(String... resources) {
            for (String r : resources) {
                if (r == null || r.isBlank()) {
                    throw new IllegalArgumentException("a seed script name is empty: name a class path resource such as db/schema.sql");
                }
                scripts.add(r);
            }
            return this;
        }

        /**
         * A seeder run after the scripts (e.g. Flyway); {@code version} is part of the seed's key - change it
         * whenever what the seeder does changes.
         */
        public Builder seed(String version, Seeder seedCallback) {
            this.seeder = Objects.requireNonNull(seedCallback, "seeder");
            this.seederVersion = Objects.requireNonNull(version, "version");
            if (version.isBlank()) {
                throw new IllegalArgumentException("the seeder's version is blank: give one (e.g. \"v1\") that changes "
                        + "whenever the seeder does");
            }
            return this;
        }

        /** One branch per test (the default) or per class. */
        public Builder scope(Scope value) {
            this.scope = Objects.requireNonNull(value, "scope");
            return this;
        }

        /** How many branches are made ahead of the tests (default {@value FoldoutExtension#DEFAULT_POOL_SIZE}). */
        public Builder poolSize(int size) {
            this.poolSize = ExtensionConfig.requirePoolSize(size);
            return this;
        }

        /** Keep a failed test's branch and say in the failure how to connect to it. */
        public Builder keepFailed(boolean keep) {
            this.keepFailed = keep;
            return this;
        }

        /** Builds the extension; every seed script must be on the class path. */
        public FoldoutExtension build() {
            return new FoldoutExtension(config());
        }

        private ExtensionConfig config() {
            SeedSpec spec = new SeedSpec(scripts, Optional.ofNullable(seeder), seederVersion);
            spec.requireScripts();
            return new ExtensionConfig(Optional.ofNullable(url), spec, scope, poolSize, keepFailed);
        }

        static ExtensionConfig fromAnnotation(Class<?> testClass) {
            FoldoutTest a = null;
            for (Class<?> c = testClass; c != null && a == null; c = c.getEnclosingClass()) {
                a = c.getAnnotation(FoldoutTest.class);
            }
            if (a == null) {
                throw new ExtensionConfigurationException("FoldoutExtension on " + testClass.getName() + " has no "
                        + "configuration: annotate the class with @FoldoutTest, or register it with "
                        + "@RegisterExtension static FoldoutExtension db = FoldoutExtension.builder()...build()");
            }
            Builder b = builder().seedScripts(a.seed()).scope(a.scope()).poolSize(a.poolSize()).keepFailed(a.keepFailed());
            if (!a.url().isEmpty()) {
                b.url(a.url());
            }
            if (a.seeder() != Seeder.None.class) {
                b.seed(a.seederVersion(), newSeeder(a.seeder()));
            }
            return b.config();
        }

        private static Seeder newSeeder(Class<? extends Seeder> type) {
            try {
                Constructor<? extends Seeder> ctor = type.getDeclaredConstructor();
                ctor.setAccessible(true);
                return ctor.newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ExtensionConfigurationException("cannot make seeder " + type.getName() + ": it needs a "
                        + "no-argument constructor (" + e + ")", e);
            }
        }
    }
}
