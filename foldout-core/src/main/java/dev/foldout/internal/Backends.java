package dev.foldout.internal;

import dev.foldout.BackendStatus;
import dev.foldout.NotSupportedException;
import dev.foldout.spi.BackendContext;
import dev.foldout.spi.BranchBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The backends on the class path ({@link ServiceLoader}), and the choice among them. */
public final class Backends {
    private final List<BranchBackend> all;

    private Backends(List<BranchBackend> all) {
        this.all = List.copyOf(all);
    }

    /** Loads every {@link BranchBackend} on the class path, highest priority first. */
    public static Backends load() {
        List<BranchBackend> found = new ArrayList<>();
        ServiceLoader.load(BranchBackend.class, Backends.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparingInt(BranchBackend::priority).reversed().thenComparing(BranchBackend::name));
        return new Backends(found);
    }

    /** Each backend with its status against the context's server. */
    public List<BackendStatus> statuses(BackendContext context) {
        return all.stream().map(b -> b.status(context)).collect(Collectors.toList());
    }

    /** The named backend (or, for an empty name, the best available one); throws if it cannot run here. */
    public BranchBackend choose(String name, BackendContext context) {
        if (name.isEmpty()) {
            for (BranchBackend b : all) {
                if (b.status(context).available()) {
                    return b;
                }
            }
            throw new NotSupportedException("no backend can run against this server: " + describe(context));
        }
        for (BranchBackend b : all) {
            if (b.name().equals(name)) {
                BackendStatus status = b.status(context);
                if (!status.available()) {
                    throw new NotSupportedException("backend '" + name + "' cannot run here: " + status.reason());
                }
                return b;
            }
        }
        throw new NotSupportedException("unknown backend '" + name + "': the backends here are "
                + all.stream().map(BranchBackend::name).collect(Collectors.joining(", ")));
    }

    private String describe(BackendContext context) {
        return statuses(context).stream().map(s -> s.name() + ": " + s.reason()).collect(Collectors.joining("; "));
    }
}
