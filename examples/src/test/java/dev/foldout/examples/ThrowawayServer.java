package dev.foldout.examples;

import dev.foldout.testing.TestPostgres;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Points foldout-junit5 at a cluster that lives only as long as the test JVM (unless {@code foldout.junit.url}
 * is set already), so the build leaves no embedded cluster running. A project of your own needs nothing like it.
 */
public final class ThrowawayServer implements LauncherSessionListener {
    /** For {@link java.util.ServiceLoader}. */
    public ThrowawayServer() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("foldout.junit.url") == null) {
            System.setProperty("foldout.junit.url", TestPostgres.url("postgres").jdbcUrlWithCredentials());
        }
    }
}
