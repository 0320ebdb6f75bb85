package dev.foldout.internal;

import dev.foldout.ConnectionUrl;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.internal.embedded.EmbeddedCluster;
import dev.foldout.spi.FoldoutProvider;

/** The {@link FoldoutProvider} of {@code foldout-core}, registered for {@link java.util.ServiceLoader}. */
public final class CoreProvider implements FoldoutProvider {

    /** For {@link java.util.ServiceLoader}. */
    public CoreProvider() {
    }

    @Override
    public Foldout connect(FoldoutConfig config) {
        return new DefaultFoldout(new Session(config));
    }

    @Override
    public java.util.List<String> initCatalog(FoldoutConfig config) {
        return dev.foldout.internal.catalog.CatalogDatabase.init(new ServerConnections(config));
    }

    @Override
    public Foldout embedded() {
        return connect(FoldoutConfig.builder().url(embeddedServer()).localSocket(EmbeddedCluster.socketFile().orElse(null))
                .build());
    }

    @Override
    public boolean stopEmbedded() {
        dev.foldout.server.PostgresServer pg = EmbeddedCluster.instance(false);
        boolean running = pg.isRunning();
        pg.stop();
        return running;
    }

    @Override
    public java.util.Optional<ConnectionUrl> embeddedServerIfRunning() {
        return EmbeddedCluster.ifRunning();
    }

    @Override
    public java.util.Optional<java.nio.file.Path> embeddedSocket() {
        return EmbeddedCluster.socketFile();
    }

    @Override
    public java.nio.file.Path embeddedPasswordFile() {
        return EmbeddedCluster.passwordFile();
    }

    @Override
    public ConnectionUrl embeddedServer() {
        return EmbeddedCluster.startOrReuse();
    }
}
