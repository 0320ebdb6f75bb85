package dev.foldout.cli.resident;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a command's outcome depends on in a process besides its variables: the file mode mask (the permissions of the
 * files it makes) and its groups (the files it may use). The resident runs only a command whose process has the same.
 *
 * @param umask the file mode mask
 * @param groups the group ids, the primary one among them
 */
record ProcessFacts(int umask, Set<String> groups) {
    /** This process's, from {@code /proc/self/status}. */
    static ProcessFacts ofThisProcess() throws IOException {
        int umask = -1;
        Set<String> groups = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            String[] kv = line.split(":", 2);
            String value = kv.length == 2 ? kv[1].strip() : "";
            switch (kv[0]) {
                case "Umask" -> umask = Integer.parseInt(value, 8);
                case "Gid" -> groups.add(value.split("\\s+")[0]);
                case "Groups" -> groups.addAll(words(value));
                default -> {
                }
            }
        }
        return new ProcessFacts(umask, Set.copyOf(groups));
    }

    /** A client's, as its shell says them ({@code umask}, {@code ${GROUPS[*]}}); an unreadable mask matches none. */
    static ProcessFacts of(String umask, String groups) {
        int mask;
        try {
            mask = Integer.parseInt(umask.strip(), 8);
        } catch (NumberFormatException e) {
            mask = -2;
        }
        return new ProcessFacts(mask, Set.copyOf(words(groups)));
    }

    private static Set<String> words(String text) {
        Set<String> out = new TreeSet<>(Arrays.asList(text.strip().split("\\s+")));
        out.remove("");
        return out;
    }
}
