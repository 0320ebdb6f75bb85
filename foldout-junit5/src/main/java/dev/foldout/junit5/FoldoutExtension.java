package dev.foldout.junit5;

import dev.foldout.junit5.internal.ExtensionConfig;
import dev.foldout.junit5.internal.Injection;
import dev.foldout.junit5.internal.KeptBranchNotice;
import dev.foldout.junit5.internal.RunState;
import dev.foldout.junit5.internal.Served;
import dev.foldout.junit5.internal.TestBranch;
import dev.foldout.junit5.internal.TrackedDataSource;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
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
 * scripts, the seeder and its version stay the same. Branches are made ahead by a background pool and dropped in
 * the background; every branch of a run is gone when it ends (a killed run's are dropped by the next run),
 * except those of failed tests when {@link FoldoutExtensionBuilder#keepFailed(boolean)} asks to keep them. {@link FoldoutTest}
 * is the annotation form.
 *
 * <p>A test class is served by the configuration declared nearest to it: its own ({@code @FoldoutTest} or a
 * {@code @RegisterExtension} field, on it or a superclass), else its enclosing class's (a {@code @Nested} class).
 * A class that declares two is refused. Nested classes without a configuration of their own share the enclosing
 * class's branch under {@link Scope#PER_CLASS}.
 */
public final class FoldoutExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    /** The default number of branches made ahead of the tests. */
    public static final int DEFAULT_POOL_SIZE = 2;
    private static final String BRANCH = "branch";
    private static final String TEST_CONNECTIONS = "connections";
    private static final Logger LOG = LoggerFactory.getLogger(FoldoutExtension.class);

    private final ExtensionConfig fixed;

    /** For {@link FoldoutTest}: the configuration comes from the annotation. */
    private FoldoutExtension() {
        this(null);
    }

    FoldoutExtension(ExtensionConfig config) {
        this.fixed = config;
    }

    /** A builder for the {@code @RegisterExtension} form. */
    public static FoldoutExtensionBuilder builder() {
        return new FoldoutExtensionBuilder();
    }

    @Override
    public void beforeAll(ExtensionContext ctx) {
        Served s = served(ctx);
        if (s == null) {
            return;
        }
        RunState run = s.run(ctx); // a server, role or seed that cannot be used fails the class before any test
        List<Field> statics = Injection.fields(ctx.getRequiredTestClass(), true);
        if (s.config().scope() == Scope.PER_CLASS) {
            TestBranch tb;
            if (s.atOwner(ctx)) {
                tb = run.take(s.config().branchTimeout());
                s.store(ctx).put(BRANCH, tb);
            } else {
                tb = s.store(ctx).get(BRANCH, TestBranch.class); // a @Nested class shares the enclosing class's
                if (tb == null) {
                    return; // beforeEach says why
                }
            }
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
        Served s = served(ctx);
        if (s == null) {
            return;
        }
        ExtensionContext.Store store = s.store(ctx);
        TestBranch tb;
        if (s.config().scope() == Scope.PER_TEST) {
            tb = s.run(ctx).take(s.config().branchTimeout());
            store.put(BRANCH, tb);
            ctx.publishReportEntry("foldout.branch", tb.name());
            ctx.publishReportEntry("foldout.wait.micros", Long.toString(tb.waitNanos() / 1000));
        } else {
            tb = store.get(BRANCH, TestBranch.class);
            if (tb == null) {
                throw new ExtensionConfigurationException("scope PER_CLASS needs the extension on a static field "
                        + "(@RegisterExtension static FoldoutExtension ...) or @FoldoutTest, so that it runs before all tests");
            }
        }
        TrackedDataSource connections = tb.newDataSource();
        store.put(TEST_CONNECTIONS, connections);
        javax.sql.DataSource ds = s.config().scope() == Scope.PER_TEST ? connections : tb.dataSource();
        for (Object instance : ctx.getRequiredTestInstances().getAllInstances()) {
            for (Field f : Injection.fields(instance.getClass(), false)) {
                Injection.set(f, instance, Injection.value(f.getType(), tb, ds, connections));
            }
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext ctx, Throwable failure) throws Throwable {
        throw noteKept(ctx, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext ctx, Throwable failure) throws Throwable {
        throw noteKept(ctx, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext ctx, Throwable failure) throws Throwable {
        throw noteKept(ctx, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext ctx, Throwable failure) throws Throwable {
        throw noteKept(ctx, failure);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext ctx, Throwable failure) throws Throwable {
        throw noteKept(ctx, failure);
    }

    /** With keepFailed, marks the branch of a failure (not of an abort) to be kept and says so in the failure. */
    private Throwable noteKept(ExtensionContext ctx, Throwable failure) {
        Served s;
        try {
            s = served(ctx);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return failure;
        }
        if (s != null && s.config().keepFailed() && KeptBranchNotice.isFailure(failure)) {
            TestBranch tb = s.store(ctx).get(BRANCH, TestBranch.class);
            if (tb != null) {
                tb.markFailed();
                KeptBranchNotice.attach(failure, tb, s.config().scope() == Scope.PER_CLASS);
            }
        }
        return failure;
    }

    @Override
    public void afterEach(ExtensionContext ctx) {
        Served s = served(ctx);
        if (s == null) {
            return;
        }
        ExtensionContext.Store store = s.store(ctx);
        TrackedDataSource connections = store.remove(TEST_CONNECTIONS, TrackedDataSource.class);
        if (connections != null) {
            connections.close();
        }
        boolean failed = KeptBranchNotice.isFailure(ctx.getExecutionException());
        if (s.config().scope() == Scope.PER_TEST) {
            TestBranch tb = store.remove(BRANCH, TestBranch.class);
            if (tb != null) {
                release(ctx, s, tb, failed);
            }
        } else if (failed) {
            TestBranch tb = store.get(BRANCH, TestBranch.class);
            if (tb != null) {
                tb.markFailed();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext ctx) {
        Served s = served(ctx);
        if (s == null || s.config().scope() != Scope.PER_CLASS) {
            return;
        }
        boolean failed = KeptBranchNotice.isFailure(ctx.getExecutionException());
        if (s.atOwner(ctx)) {
            TestBranch tb = s.store(ctx).remove(BRANCH, TestBranch.class);
            if (tb != null) {
                release(ctx, s, tb, tb.failed() || failed);
            }
        } else if (failed) {
            TestBranch tb = s.store(ctx).get(BRANCH, TestBranch.class);
            if (tb != null) {
                tb.markFailed(); // a @Nested class's failure keeps the shared branch when the enclosing class ends
            }
        }
    }

    private void release(ExtensionContext ctx, Served s, TestBranch tb, boolean failed) {
        boolean keep = s.config().keepFailed() && failed;
        s.run(ctx).release(tb, keep);
        if (keep) {
            LOG.warn("{} failed; its branch {} is kept: connect with {}; drop it with: foldout delete-branch {}",
                    ctx.getDisplayName(), tb.name(), tb.describe(), tb.name());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ctx) {
        return !(pc.getDeclaringExecutable() instanceof Constructor)
                && Injection.supports(pc.getParameter().getType(), pc.isAnnotated(FoldoutBranch.class))
                && served(ctx) != null;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ctx) {
        Served s = served(ctx);
        ExtensionContext.Store store = s.store(ctx);
        TestBranch tb = store.get(BRANCH, TestBranch.class);
        if (tb == null) {
            throw new ParameterResolutionException("no branch for parameter " + pc.getParameter().getName() + " of "
                    + pc.getDeclaringExecutable().getName() + ": a @BeforeAll method gets one only with scope PER_CLASS");
        }
        TrackedDataSource connections = store.get(TEST_CONNECTIONS, TrackedDataSource.class);
        boolean perTest = s.config().scope() == Scope.PER_TEST && connections != null;
        return Injection.value(pc.getParameter().getType(), tb, perTest ? connections : tb.dataSource(),
                connections != null ? connections : tb.dataSource());
    }

    private Served served(ExtensionContext ctx) {
        return Served.find(ctx, this, fixed, FoldoutExtensionBuilder::fromAnnotation);
    }
}
