package dev.foldout.zfs.internal;

import dev.foldout.FoldoutException;
import dev.foldout.spi.Processes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code zfs}/{@code zpool} operations the backend needs, each one command with parseable output. Destroys
 * retry for a few seconds while the dataset is busy (zfs-fuse holds a fresh mount for a moment).
 */
public final class Zfs {
    private static final int BUSY_RETRIES = 20;

    private Zfs() {
    }

    /** A mounted file system dataset. */
    public record Mounted(String name, Path mountpoint) {
    }

    /** Every mounted file system dataset. */
    public static List<Mounted> mounted() {
        Processes.Result r = ZfsCommand.run("zfs", "list", "-H", "-o", "name,mountpoint", "-t", "filesystem");
        if (!r.ok()) {
            throw new FoldoutException("zfs list failed: " + ZfsCommand.oneLine(r) + " - check that the ZFS daemon or kernel "
                    + "module runs ('zpool status') and that this account may use zfs");
        }
        List<Mounted> out = new ArrayList<>();
        for (String line : r.output().split("\\R")) {
            String[] f = line.split("\t");
            if (f.length == 2 && f[1].startsWith("/")) {
                out.add(new Mounted(f[0], Path.of(f[1])));
            }
        }
        return out;
    }

    /** Whether a dataset or snapshot of that name exists. */
    public static boolean exists(String name) {
        return ZfsCommand.run("zfs", "list", "-H", "-o", "name", "-t", "all", name).ok();
    }

    /** A property's value ({@code -p}: exact numbers); empty when unset ({@code -}) or the dataset is missing. */
    public static Optional<String> get(String property, String name) {
        Processes.Result r = ZfsCommand.run("zfs", "get", "-H", "-p", "-o", "value", property, name);
        String value = r.output().strip();
        return r.ok() && !value.equals("-") && !value.isEmpty() ? Optional.of(value) : Optional.empty();
    }

    /** Sets user properties. */
    public static void set(String name, Map<String, String> properties) {
        for (Map.Entry<String, String> e : properties.entrySet()) {
            require(ZfsCommand.run("zfs", "set", e.getKey() + "=" + e.getValue(), name), "zfs set " + e.getKey() + " on " + name);
        }
    }

    /** {@code zfs snapshot NAME}. */
    public static void snapshot(String snapshot) {
        require(ZfsCommand.run("zfs", "snapshot", snapshot), "zfs snapshot " + snapshot);
    }

    /** {@code zfs clone -o p=v ... SNAPSHOT TARGET}. */
    public static void clone(String snapshot, String target, Map<String, String> properties) {
        List<String> args = new ArrayList<>(List.of("clone"));
        properties.forEach((k, v) -> {
            args.add("-o");
            args.add(k + "=" + v);
        });
        args.add(snapshot);
        args.add(target);
        require(ZfsCommand.run("zfs", args.toArray(String[]::new)), "zfs clone " + snapshot + " " + target);
    }

    /** {@code zfs create -p NAME} unless it exists. */
    public static void createIfMissing(String name) {
        if (!exists(name)) {
            Processes.Result r = ZfsCommand.run("zfs", "create", "-p", name);
            if (!r.ok() && !exists(name)) {
                throw new FoldoutException("zfs create " + name + " failed: " + ZfsCommand.oneLine(r));
            }
        }
    }

    /** The direct children of a dataset. */
    public static List<String> children(String name) {
        Processes.Result r = ZfsCommand.run("zfs", "list", "-H", "-o", "name", "-t", "all", "-r", "-d", "1", name);
        List<String> out = new ArrayList<>();
        if (r.ok()) {
            for (String line : r.output().split("\\R")) {
                if (!line.isBlank() && !line.equals(name)) {
                    out.add(line.strip());
                }
            }
        }
        return out;
    }

    /** Destroys a dataset (with its snapshots when {@code recursive}) or a snapshot; nothing if it is gone. */
    public static void destroy(String name, boolean recursive) {
        Processes.Result last = null;
        for (int attempt = 0; attempt < BUSY_RETRIES && exists(name); attempt++) {
            last = recursive ? ZfsCommand.run("zfs", "destroy", "-r", "-f", name) : ZfsCommand.run("zfs", "destroy", name);
            if (last.ok() || !last.output().contains("busy")) {
                break;
            }
            sleep(250);
        }
        if (last != null && !last.ok() && exists(name)) {
            throw new FoldoutException("zfs destroy " + name + " failed: " + ZfsCommand.oneLine(last)
                    + " - stop what uses it (a server, a shell in its mount point), then delete again");
        }
    }

    /** One line per pool: name, health, size, allocated, free. */
    public static List<String> pools() {
        if (ZfsCommand.find("zpool").isEmpty()) {
            return List.of();
        }
        Processes.Result r = ZfsCommand.run("zpool", "list", "-H", "-o", "name,health,size,allocated,free");
        List<String> out = new ArrayList<>();
        if (!r.ok()) {
            out.add("zfs: zpool list failed: " + ZfsCommand.oneLine(r));
            return out;
        }
        for (String line : r.output().split("\\R")) {
            String[] f = line.split("\t");
            if (f.length == 5) {
                out.add("zfs pool " + f[0] + ": " + f[1] + ", " + f[3] + " allocated of " + f[2] + ", " + f[4] + " free");
            }
        }
        return out;
    }

    private static void require(Processes.Result r, String what) {
        if (!r.ok()) {
            String text = ZfsCommand.oneLine(r);
            String fix = text.contains("out of space") || text.contains("no space")
                    ? " - the pool is full: free space or add a device (zpool list shows it)"
                    : text.contains("exists") ? " - a dataset of that name exists already: destroy it or choose another name" : "";
            throw new FoldoutException(what + " failed: " + text + fix);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FoldoutException("interrupted while waiting for a busy dataset", e);
        }
    }
}
