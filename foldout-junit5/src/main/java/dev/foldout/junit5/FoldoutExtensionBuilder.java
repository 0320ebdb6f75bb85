package dev.foldout.junit5;

import dev.foldout.ConnectionUrl;
import dev.foldout.junit5.internal.ExtensionConfig;
import dev.foldout.junit5.internal.SeedSpec;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Builds a {@link FoldoutExtension}: the server, the seed, the scope, the pool size and whether to keep the
 * branches of failed tests. Each setter checks its value at once.
 */
public final class FoldoutExtensionBuilder {
    private String url;
    private final List<String> scripts = new ArrayList<>();
    private Seeder seeder;
    private String seederVersion = "";
    private SeedSpec below;
    private Scope scope = Scope.PER_TEST;
    private int poolSize = FoldoutExtension.DEFAULT_POOL_SIZE;
    private boolean keepFailed;
    private Duration branchTimeout = ExtensionConfig.DEFAULT_BRANCH_TIMEOUT;
    private String urlSetting = "url(...) of FoldoutExtension.builder()";

    FoldoutExtensionBuilder() {
    }

    /**
     * The server, as a JDBC URL or libpq URI. Without it: the system property {@code foldout.junit.url}, else
     * the environment variable {@code FOLDOUT_JUNIT_URL}, else Foldout's embedded cluster.
     */
    public FoldoutExtensionBuilder url(String serverUrl) {
        ConnectionUrl.parse(serverUrl);
        this.url = serverUrl;
        return this;
    }

    /** Class path SQL scripts that build the seed, run in this order (added to any given before). */
    public FoldoutExtensionBuilder seedScripts(String... resources) {
        for (String r : resources) {
            if (r == null || r.isBlank()) {
                throw new IllegalArgumentException("a seed script name is empty: name a class path resource such as db/schema.sql");
            }
            scripts.add(r);
        }
        return this;
    }

    /**
     * A seeder run after the scripts (e.g. Flyway). The seed's key holds the seeder's class name and
     * {@code version}: change the version whenever what the seeder does changes. A lambda is named by the class
     * it is written in, so two lambda seeders written in one class need different versions.
     */
    public FoldoutExtensionBuilder seed(String version, Seeder seedCallback) {
        this.seeder = Objects.requireNonNull(seedCallback, "seeder");
        this.seederVersion = Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("the seeder's version is blank: give one (e.g. \"v1\") that changes "
                    + "whenever the seeder does");
        }
        return this;
    }

    /**
     * A seeder run after the scripts that keys itself ({@link Seeder#contentKey()}), such as
     * {@link Seeders#flyway} and {@link Seeders#liquibase}: no version to bump, the seed is rebuilt when its
     * migrations change.
     */
    public FoldoutExtensionBuilder seed(Seeder selfKeyed) {
        Objects.requireNonNull(selfKeyed, "seeder");
        if (selfKeyed.contentKey().isEmpty()) {
            throw new IllegalArgumentException("seeder " + selfKeyed.getClass().getName() + " does not key itself "
                    + "(no contentKey()): use seed(version, seeder) with a version that changes whenever it does");
        }
        this.seeder = selfKeyed;
        this.seederVersion = "";
        return this;
    }

    /** One branch per test (the default) or per class. */
    public FoldoutExtensionBuilder scope(Scope value) {
        this.scope = Objects.requireNonNull(value, "scope");
        return this;
    }

    /** How many branches are made ahead of the tests (default {@value FoldoutExtension#DEFAULT_POOL_SIZE}). */
    public FoldoutExtensionBuilder poolSize(int size) {
        this.poolSize = ExtensionConfig.requirePoolSize(size);
        return this;
    }

    /**
     * Keep the branch of a failed test - failed in the test method or in a {@code @BeforeEach} or
     * {@code @AfterEach} method (with {@link Scope#PER_CLASS}: also {@code @BeforeAll}, {@code @AfterAll}) - and
     * say in the failure how to connect to it. An aborted test (a failed assumption) is not a failure.
     */
    public FoldoutExtensionBuilder keepFailed(boolean keep) {
        this.keepFailed = keep;
        return this;
    }

    /**
     * How long a test waits for its branch before it fails, saying what the pool was waiting for (default
     * 5 minutes: far longer than a branch takes, short of hanging a build).
     */
    public FoldoutExtensionBuilder branchTimeout(Duration timeout) {
        this.branchTimeout = ExtensionConfig.requireBranchTimeout(timeout);
        return this;
    }

    /**
     * Closes the seed described so far as a layer and starts the next one on a copy of it: the scripts and seeder given
     * after this call run on that copy. Each layer is kept on the server as a seed of its own, keyed by its scripts and
     * seeder and by the layers below, so classes that share the lower layers (a schema, then reference data) build them
     * once and differ only in their own top layer; a changed layer is built again with every layer above it.
     *
     * <pre>{@code
     * static FoldoutExtensionBuilder reference() {
     *     return FoldoutExtension.builder().seed(Seeders.flyway("db/migration")).then().seedScripts("db/reference.sql");
     * }
     * @RegisterExtension static FoldoutExtension db = reference().then().seed("v1", ds -> ...).build();
     * }</pre>
     */
    public FoldoutExtensionBuilder then() {
        if (scripts.isEmpty() && seeder == null) {
            throw new IllegalArgumentException("then() closes a seed layer, and this one has no script or seeder: give "
                    + "seedScripts(...) or seed(...) before it");
        }
        below = layer();
        scripts.clear();
        seeder = null;
        seederVersion = "";
        return this;
    }

    /** The seed given so far: the current layer on those closed by {@link #then()}, or the last closed one when empty. */
    private SeedSpec layer() {
        if (scripts.isEmpty() && seeder == null && below != null) {
            return below;
        }
        return new SeedSpec(scripts, Optional.ofNullable(seeder), seederVersion, Optional.ofNullable(below));
    }

    /** Builds the extension; every seed script must be on the class path. */
    public FoldoutExtension build() {
        return new FoldoutExtension(config());
    }

    private ExtensionConfig config() {
        SeedSpec spec = layer();
        spec.requireScripts();
        return new ExtensionConfig(Optional.ofNullable(url), urlSetting, spec, scope, poolSize, keepFailed,
                branchTimeout);
    }

    /** The configuration {@code @FoldoutTest} on {@code owner} (or a superclass of it) gives. */
    static ExtensionConfig fromAnnotation(Class<?> owner) {
        FoldoutTest a = owner.getAnnotation(FoldoutTest.class);
        FoldoutExtensionBuilder b = FoldoutExtension.builder().seedScripts(a.seed()).scope(a.scope()).poolSize(a.poolSize()).keepFailed(a.keepFailed());
        if (a.branchTimeoutSeconds() < 1) {
            throw new ExtensionConfigurationException("@FoldoutTest(branchTimeoutSeconds) on " + owner.getSimpleName()
                    + " must be at least 1, was " + a.branchTimeoutSeconds());
        }
        b.branchTimeout(Duration.ofSeconds(a.branchTimeoutSeconds()));
        if (!a.url().isEmpty()) {
            b.url(a.url());
            b.urlSetting = "@FoldoutTest(url) on " + owner.getSimpleName();
        }
        if (a.seeder() != Seeder.None.class) {
            Seeder made = newSeeder(a.seeder());
            if (a.seederVersion().isBlank() && made.contentKey().isPresent()) {
                b.seed(made);
            } else {
                b.seed(a.seederVersion(), made);
            }
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
