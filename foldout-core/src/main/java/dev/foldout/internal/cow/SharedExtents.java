package dev.foldout.internal.cow;

import dev.foldout.CopyMethod;
import dev.foldout.FoldoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one verdict on whether a copy really shared its extents with its source, measured with {@code FIEMAP} on the
 * copy's files ({@link Extents}), never guessed from the file system's name: XFS made with {@code reflink=0}, or a
 * kernel that falls back to copying, copies where the name says it could clone.
 */
public final class SharedExtents {
    private SharedExtents() {
    }

    /** What the measure found. */
    public enum Kind {
        /** Some extent of the copy is shared: the file system cloned. */
        SHARED,
        /** Not one extent of a non-empty copy is shared: the file system copied the bytes. */
        COPIED,
        /** The file system does not answer FIEMAP (ZFS, tmpfs): sharing cannot be measured. */
        UNKNOWN
    }

    /**
     * The verdict.
     *
     * @param kind        what was found
     * @param sharedBytes the bytes found shared (a lower bound when the files were {@linkplain #probe probed}); -1 when
     *                    {@code kind} is UNKNOWN
     */
    public record Verdict(Kind kind, long sharedBytes) {
        /** The copy method to report: a clone unless the files were measured and found copied. */
        public CopyMethod method() {
            return kind == Kind.COPIED ? CopyMethod.FILE_COPY : CopyMethod.CLONE;
        }
    }

    /** Measures every one of {@code files} (a copy's, {@code bytes} in all): the bytes shared in total. */
    public static Verdict measure(List<Path> files, long bytes) {
        long shared = 0;
        for (Path f : files) {
            Optional<Extents.Sharing> s = Extents.of(f);
            if (s.isEmpty()) {
                return new Verdict(Kind.UNKNOWN, -1);
            }
            shared += s.get().sharedBytes();
        }
        return new Verdict(shared == 0 && bytes > 0 ? Kind.COPIED : Kind.SHARED, shared);
    }

    /**
     * Measures the files under {@code directories} until one shows a shared extent: a clone is known after one file,
     * a copy (which took longer anyway) after every non-empty one. Empty directories or only empty files: SHARED
     * (nothing was there to copy).
     */
    public static Verdict probe(List<Path> directories) {
        long shared = 0;
        boolean anyData = false;
        for (Path f : files(directories)) {
            Optional<Extents.Sharing> s = Extents.of(f);
            if (s.isEmpty()) {
                return new Verdict(Kind.UNKNOWN, -1);
            }
            anyData |= s.get().mappedBytes() > 0;
            shared += s.get().sharedBytes();
            if (shared > 0) {
                return new Verdict(Kind.SHARED, shared);
            }
        }
        return new Verdict(anyData ? Kind.COPIED : Kind.SHARED, 0);
    }

    private static List<Path> files(List<Path> directories) {
        List<Path> out = new ArrayList<>();
        for (Path d : directories) {
            try (Stream<Path> entries = Files.list(d)) {
                entries.filter(Files::isRegularFile).forEach(out::add);
            } catch (IOException e) {
                throw new FoldoutException("cannot list " + d + " to measure the copy's extents: " + e.getMessage()
                        + " - run Foldout as an account that may read the data directory", e);
            }
        }
        return out;
    }
}
