package dev.foldout.internal;

import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.DiffSink;
import dev.foldout.internal.diff.ForwardingSink;
import java.util.function.UnaryOperator;

/** A sink that hands everything on, the header rewritten. */
final class HeaderRewrite extends ForwardingSink {
    private final DiffSink next;
    private final UnaryOperator<DiffHeader> rewrite;

    private HeaderRewrite(DiffSink next, UnaryOperator<DiffHeader> rewrite) {
        this.next = next;
        this.rewrite = rewrite;
    }

    /** {@code next} with its header rewritten by {@code rewrite}. */
    static DiffSink of(DiffSink next, UnaryOperator<DiffHeader> rewrite) {
        return new HeaderRewrite(next, rewrite);
    }

    @Override
    protected DiffSink next() {
        return next;
    }

    @Override
    public void header(DiffHeader header) {
        next.header(rewrite.apply(header));
    }
}
