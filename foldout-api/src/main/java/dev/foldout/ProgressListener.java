package dev.foldout;

/**
 * Told of each step of a long operation (locking, copying, renaming), for a progress display.
 * Called on the thread that runs the operation; must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every step. */
    ProgressListener NONE = step -> { };

    /** A step has started; {@code step} is a short phrase such as {@code copying "app" by clone}. */
    void step(String step);
}
