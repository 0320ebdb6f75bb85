package dev.foldout.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * For {@code bin/foldout}'s class data sharing: the first run of a build records the classes it loaded, and the archive
 * made from that list is mapped by every later run. One command loads only its own path's classes, so the launcher also
 * asks (through {@code FOLDOUT_CDS_CLASSES}) for the names of every class of Foldout, picocli and JNA in the CLI's jar,
 * which this writes, one per line, in the form of the JDK's class lists.
 */
final class ArchiveClassList {
    /** The variable naming the file to write; unset, nothing is written. */
    static final String VARIABLE = "FOLDOUT_CDS_CLASSES";
    private static final List<String> PACKAGES = List.of("dev/foldout/", "picocli/", "com/sun/jna/");

    private ArchiveClassList() {
    }

    /** Writes the list when the launcher asked for it; a failure only costs the archive those classes. */
    static void writeIfAsked() {
        String target = System.getenv(VARIABLE);
        if (target == null || target.isBlank()) {
            return;
        }
        try {
            Path jar = Path.of(ArchiveClassList.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return; // run from class directories (the tests): no jar to archive
            }
            Files.write(Path.of(target), namesIn(jar));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // the archive is made from the classes the run loaded alone
        }
    }

    /** The classes of Foldout, picocli and JNA in {@code jar}, as the JDK's class lists name them. */
    static List<String> namesIn(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(file.entries())) {
                String name = e.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")
                        && PACKAGES.stream().anyMatch(name::startsWith)) {
                    names.add(name.substring(0, name.length() - ".class".length()));
                }
            }
        }
        return names;
    }
}
