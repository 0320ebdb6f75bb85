package dev.foldout.internal;

import dev.foldout.InvalidNameException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Checks the names Foldout is asked to create. Existing databases may have any name (they are quoted);
 * new snapshots and branches get plain names that are safe in a shell, a URL and a file name.
 */
public final class Names {
    /** PostgreSQL truncates longer identifiers silently (NAMEDATALEN - 1). */
    public static final int MAX_BYTES = 63;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-/]*");

    private Names() {
    }

    /** Returns the name if Foldout may create a {@code kind} (e.g. "branch") of that name, else throws. */
    public static String requireNew(String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidNameException("the " + kind + " name is empty: give a name such as feature-x");
        }
        String shown = name.replaceAll("\\p{Cntrl}", "?");
        if (!ALLOWED.matcher(name).matches() || name.contains("//") || name.endsWith("/")) {
            throw new InvalidNameException("invalid " + kind + " name '" + shown + "': use letters, digits, '_', '-', '.' "
                    + "and '/' between words, starting with a letter, digit or '_'");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidNameException("the " + kind + " name '" + shown + "' is " + bytes + " bytes long: PostgreSQL "
                    + "keeps at most " + MAX_BYTES + "; choose a shorter name");
        }
        return name;
    }

    /** Checks a name given to look something up: any text PostgreSQL could hold. */
    public static String requireLookup(String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidNameException("the " + kind + " name is empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new InvalidNameException("the " + kind + " name contains a NUL character, which no PostgreSQL name can hold");
        }
        return name;
    }
}
