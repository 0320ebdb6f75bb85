package dev.foldout.junit5.internal;

import dev.foldout.junit5.FoldoutExtension;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The configuration that serves one test class: the class that declares it (see {@link Registrations}), the
 * store namespace of that configuration - so that two configurations never read each other's values, and a
 * {@code @Nested} class without its own finds what its enclosing class's put there - its settings, and the run
 * state it shares with every configuration of the same server, seed and pool size.
 */
public final class Served {
    private static final String SETUP = "setup";

    private final Class<?> owner;
    private final ExtensionContext.Namespace ns;
    private final Setup setup;

    private record Setup(ExtensionConfig config, String runKey) {
    }

    private Served(Class<?> owner, ExtensionContext.Namespace ns, Setup setup) {
        this.owner = owner;
        this.ns = ns;
        this.setup = setup;
    }

    /**
     * What {@code extension} serves {@code ctx}'s test class with, or null when another registration - one declared
     * nearer to the class - serves it.
     *
     * @param fixed          the builder form's configuration; null for the annotation form
     * @param fromAnnotation the configuration of {@code @FoldoutTest} on the class that declares it
     */
    public static Served find(ExtensionContext ctx, FoldoutExtension extension, ExtensionConfig fixed,
                              Function<Class<?>, ExtensionConfig> fromAnnotation) {
        Class<?> testClass = ctx.getRequiredTestClass();
        Optional<Class<?>> declared = Registrations.owner(testClass);
        if (declared.isEmpty() && fixed == null) {
            throw new ExtensionConfigurationException("FoldoutExtension on " + testClass.getName() + " has no "
                    + "configuration: annotate the class with @FoldoutTest, or register it with "
                    + "@RegisterExtension static FoldoutExtension db = FoldoutExtension.builder()...build()");
        }
        Class<?> owner = declared.orElse(testClass);
        List<Object> instances = ctx.getTestInstances().map(i -> i.getAllInstances()).orElse(List.of());
        if (declared.isPresent() && !Registrations.declares(owner, extension, fixed == null, instances)) {
            return null;
        }
        ExtensionContext.Namespace ns = ExtensionContext.Namespace.create(FoldoutExtension.class, owner);
        Setup setup = ctx.getStore(ns).get(SETUP, Setup.class);
        if (setup == null) {
            ExtensionConfig config = fixed != null ? fixed : fromAnnotation.apply(owner);
            setup = new Setup(config, config.runKey()); // the key hashes the scripts: worked out once per class
            ctx.getStore(ns).put(SETUP, setup);
        }
        return new Served(owner, ns, setup);
    }

    /** The settings. */
    public ExtensionConfig config() {
        return setup.config();
    }

    /** The store of this configuration in {@code ctx}. */
    public ExtensionContext.Store store(ExtensionContext ctx) {
        return ctx.getStore(ns);
    }

    /** Whether {@code ctx} is the declaring class's own class context (not a {@code @Nested} class's, not a method's). */
    public boolean atOwner(ExtensionContext ctx) {
        return ctx.getTestMethod().isEmpty() && ctx.getRequiredTestClass() == owner;
    }

    /** The run state of this configuration, opened on first use and closed with JUnit's root context. */
    public RunState run(ExtensionContext ctx) {
        return ctx.getRoot().getStore(ExtensionContext.Namespace.create(FoldoutExtension.class))
                .getOrComputeIfAbsent("run|" + setup.runKey(), k -> RunState.open(setup.config()), RunState.class);
    }
}
