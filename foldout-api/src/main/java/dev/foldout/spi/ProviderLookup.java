package dev.foldout.spi;

import java.util.Optional;
import java.util.ServiceLoader;

/** The {@link FoldoutProvider} that the API's own class loader finds, looked up once, on first use. */
final class ProviderLookup {
    static final Optional<FoldoutProvider> BESIDE_API =
            ServiceLoader.load(FoldoutProvider.class, FoldoutProvider.class.getClassLoader()).findFirst();

    private ProviderLookup() {
    }
}
