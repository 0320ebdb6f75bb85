package dev.foldout.junit5.internal;

import dev.foldout.ConnectionUrl;
import dev.foldout.Foldout;
import dev.foldout.FoldoutException;
import java.util.Optional;

/**
 * The server a run uses and where its URL came from: the extension ({@code url(...)} of the builder or
 * {@code @FoldoutTest(url)}), the system property {@value #URL_PROPERTY}, the environment variable
 * {@value #URL_ENV}, or - when none is set - Foldout's embedded cluster. Messages about a server that cannot be
 * used name the setting to fix.
 *
 * @param url     where to connect
 * @param origin  where the URL came from, for messages (e.g. {@code -Dfoldout.junit.url})
 * @param setting what to change to use another server, for messages
 */
public record ServerChoice(ConnectionUrl url, String origin, String setting) {
    /** System property naming the server when the extension names none. */
    public static final String URL_PROPERTY = "foldout.junit.url";
    /** Environment variable naming the server when neither the extension nor the system property does. */
    public static final String URL_ENV = "FOLDOUT_JUNIT_URL";
    private static final String ELSEWHERE = "-D" + URL_PROPERTY + " or $" + URL_ENV;

    /**
     * The server of {@code config}, starting the embedded cluster when no URL is set anywhere.
     *
     * @throws FoldoutException naming the setting whose URL does not parse, or why the embedded cluster did not start
     */
    public static ServerChoice of(ExtensionConfig config) {
        if (config.url().isPresent()) {
            return parse(config.url().get(), config.urlSetting(), "fix " + config.urlSetting());
        }
        Optional<String> property = nonBlank(System.getProperty(URL_PROPERTY));
        if (property.isPresent()) {
            return parse(property.get(), "-D" + URL_PROPERTY, "fix -D" + URL_PROPERTY);
        }
        Optional<String> env = nonBlank(System.getenv(URL_ENV));
        if (env.isPresent()) {
            return parse(env.get(), "$" + URL_ENV, "fix $" + URL_ENV);
        }
        try {
            return new ServerChoice(Foldout.embeddedServer(), "Foldout's embedded cluster, as no url is set",
                    "set " + ELSEWHERE + " to a server of your own");
        } catch (RuntimeException e) {
            throw new FoldoutException("foldout-junit5 found no server (no url(...), @FoldoutTest(url), " + ELSEWHERE
                    + ") and could not start Foldout's embedded cluster: " + StartFailure.firstLine(e.getMessage()), e);
        }
    }

    private static ServerChoice parse(String text, String origin, String setting) {
        try {
            return new ServerChoice(ConnectionUrl.parse(text), origin, setting);
        } catch (IllegalArgumentException e) {
            throw new FoldoutException("foldout-junit5 cannot use the url in " + origin + " (" + ConnectionUrl.mask(text)
                    + "): " + StartFailure.firstLine(e.getMessage()), e);
        }
    }

    private static Optional<String> nonBlank(String s) {
        return Optional.ofNullable(s).filter(v -> !v.isBlank());
    }
}
