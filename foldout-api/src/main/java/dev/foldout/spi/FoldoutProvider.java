package dev.foldout.spi;

import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.FoldoutException;
import java.util.ServiceLoader;

/**
 * The implementation behind {@link Foldout#connect(FoldoutConfig)}, found with {@link ServiceLoader}.
 * {@code foldout-core} provides one; there is normally exactly one on the class path.
 */
public interface FoldoutProvider {

    /** Opens a session with the configured server. */
    Foldout connect(FoldoutConfig config);

    /** Makes or takes over the catalog of the configured server, as {@link Foldout#initCatalog} says. */
    default java.util.List<String> initCatalog(FoldoutConfig config) {
        throw new dev.foldout.NotSupportedException("this Foldout implementation cannot initialize a catalog");
    }

    /** Opens a session with Foldout's own embedded cluster, starting it if needed. */
    Foldout embedded();

    /** Starts Foldout's own embedded cluster if needed and returns where to connect to it. */
    dev.foldout.ConnectionUrl embeddedServer();

    /** Where to connect to Foldout's own embedded cluster if it runs already; empty otherwise, with nothing started. */
    default java.util.Optional<dev.foldout.ConnectionUrl> embeddedServerIfRunning() {
        return java.util.Optional.empty();
    }

    /** The Unix-domain socket file of Foldout's own embedded cluster if it runs with one; empty otherwise. */
    default java.util.Optional<java.nio.file.Path> embeddedSocket() {
        return java.util.Optional.empty();
    }

    /** Where Foldout's own embedded cluster keeps its superuser's password. */
    default java.nio.file.Path embeddedPasswordFile() {
        throw new dev.foldout.NotSupportedException("this Foldout implementation has no embedded cluster");
    }

    /** Stops Foldout's own embedded cluster if it runs; returns whether it ran. */
    boolean stopEmbedded();

    /**
     * Finds the provider on the class path: the one beside this interface, found once (a search of the class path that
     * each call of {@link Foldout}'s static methods would otherwise repeat), else the context class loader's.
     *
     * @throws FoldoutException if there is none
     */
    static FoldoutProvider load() {
        return ProviderLookup.BESIDE_API.or(() -> ServiceLoader.load(FoldoutProvider.class).findFirst())
                .orElseThrow(() -> new FoldoutException("no Foldout implementation on the class path: "
                        + "add the dependency dev.foldout:foldout-core"));
    }
}

