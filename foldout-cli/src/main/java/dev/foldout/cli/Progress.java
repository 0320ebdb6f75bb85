package dev.foldout.cli;

import dev.foldout.ProgressListener;

/** Shows the steps of long operations on stderr, only when stderr is a terminal. */
final class Progress implements ProgressListener {
    private final boolean show;

    private Progress(boolean show) {
        this.show = show;
    }

    static Progress onTerminal() {
        return new Progress(Invocation.current().terminal() && System.getenv("FOLDOUT_QUIET") == null);
    }

    @Override
    public void step(String step) {
        if (show) {
            System.err.println("  .. " + step);
        }
    }
}
