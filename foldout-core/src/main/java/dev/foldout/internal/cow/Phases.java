package dev.foldout.internal.cow;

/** Wall-clock time of each step of a clone, for the log line that reports it. Not thread-safe. */
public final class Phases {
    private final StringBuilder text = new StringBuilder();
    private long last = System.nanoTime();

    /** The step {@code phase} ended now; it began when the previous one ended. */
    public void done(String phase) {
        long now = System.nanoTime();
        text.append(text.length() == 0 ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000).append(" ms");
        last = now;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
