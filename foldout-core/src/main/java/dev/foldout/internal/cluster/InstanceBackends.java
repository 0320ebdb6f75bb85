package dev.foldout.internal.cluster;

import dev.foldout.NotSupportedException;
import dev.foldout.spi.ClusterSnapshots;
import dev.foldout.spi.InstanceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The {@link InstanceBackend}s on the class path, found with {@link ServiceLoader} once per JVM. */
public final class InstanceBackends {
    private static final List<InstanceBackend> ALL = load();

    private InstanceBackends() {
    }

    private static List<InstanceBackend> load() {
        List<InstanceBackend> found = new ArrayList<>();
        ServiceLoader.load(InstanceBackend.class, InstanceBackends.class.getClassLoader()).forEach(found::add);
        return List.copyOf(found);
    }

    /** Every instance backend found. */
    public static List<InstanceBackend> all() {
        return ALL;
    }

    /** Whether {@code name} names an instance backend (as opposed to a database backend or nothing). */
    public static boolean isInstanceBackend(String name) {
        return find(name).isPresent();
    }

    static Optional<InstanceBackend> find(String name) {
        return ALL.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The snapshot capability of {@code backend}; throws naming the backend when it keeps no snapshots. */
    static ClusterSnapshots snapshots(InstanceBackend backend) {
        if (backend instanceof ClusterSnapshots s) {
            return s;
        }
        throw new NotSupportedException("backend " + backend.name() + " keeps no snapshots of instance branches: make a "
                + "branch of it instead (foldout branch BRANCH NEW)");
    }

    /** Removes snapshot {@code name} of the branch at {@code location}, if {@code backend} keeps snapshots at all. */
    static void destroySnapshot(InstanceBackend backend, String location, String name) {
        if (backend instanceof ClusterSnapshots s) {
            s.destroySnapshot(location, name);
        }
    }

    /** The backend of that name; throws naming the ones there are. */
    static InstanceBackend require(String name) {
        return find(name).orElseThrow(() -> new NotSupportedException("instance backend '" + name + "' is not on the class "
                + "path (found: " + (ALL.isEmpty() ? "none" : ALL.stream().map(InstanceBackend::name).collect(Collectors.joining(", ")))
                + "): add its module, e.g. dev.foldout:foldout-zfs"));
    }
}
