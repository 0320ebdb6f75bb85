package dev.foldout.cli.resident;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One command line sent by {@code bin/foldout}, in NUL-terminated fields. The client sends {@link #MAGIC} and a nonce;
 * the resident answers with its proof ({@link Resident}); the client sends the secret, which the resident checks
 * before it reads on, then the working directory, {@code 1} when the command has a console (stdin and stdout are
 * terminals, as {@code System.console()} asks) else {@code 0}, the shell's {@code umask} and its groups
 * ({@code ${GROUPS[*]}}, the primary one among them), the number of environment entries and each as
 * {@code NAME=value}, the number of arguments and each argument. Text is in the encoding of the locale (the resident
 * runs only with the client's locale variables).
 *
 * @param workingDir the client's working directory
 * @param console whether stdin and stdout are terminals
 * @param umask the client's file mode mask, in octal
 * @param groups the client's groups, blank-separated
 * @param env the variables the client sent ({@link #relevant} ones)
 * @param args the command line
 */
record Request(String workingDir, boolean console, String umask, String groups, Map<String, String> env, List<String> args) {
    /** The first field of a command line. */
    static final String MAGIC = "foldout-resident-3";
    /** The field by which the client, told {@code run}, asks the command to start. */
    static final String GO = "go";
    private static final int MAX_FIELD = 1 << 16;
    private static final int MAX_FIELDS = 4096;
    /** The variables {@link #relevant} names besides its prefixes. */
    private static final List<String> NAMED = List.of("HOME", "USER", "LOGNAME", "PATH", "LANG", "TZ", "TMPDIR",
            "JAVA_HOME", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "NO_COLOR", "CLICOLOR",
            "CLICOLOR_FORCE", "LD_LIBRARY_PATH", "LD_PRELOAD", "KRB5CCNAME", "KRB5_CONFIG");

    /**
     * Whether a variable can change what a command does, so that the client and the resident must agree on it: it is
     * Foldout's, the driver's (Kerberos' too) or the JVM's, names the user, their files or their locale, says whether
     * to colour, or changes which native libraries load.
     * {@code bin/foldout} sends the same set.
     */
    static boolean relevant(String name) {
        if (name.equals("FOLDOUT_RESIDENT") || name.equals("FOLDOUT_CDS")) {
            return false; // how bin/foldout runs a command, not what the command does
        }
        return name.startsWith("FOLDOUT_") || name.startsWith("FLD_") || name.startsWith("PG") || name.startsWith("LC_")
                || NAMED.contains(name);
    }

    /** The variables of {@code all} that a command's outcome depends on ({@link #relevant(String)}). */
    static Map<String, String> relevant(Map<String, String> all) {
        Map<String, String> out = new TreeMap<>();
        all.forEach((k, v) -> {
            if (relevant(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Reads the fields after the secret; throws IOException when they are cut short, too many or too long. */
    static Request read(InputStream in, Charset text) throws IOException {
        String dir = field(in, text);
        boolean console = field(in, text).equals("1");
        String umask = field(in, text);
        String groups = field(in, text);
        int envCount = count(in, text);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < envCount; i++) {
            String entry = field(in, text);
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IOException("an environment entry without a name");
            }
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        int argCount = count(in, text);
        List<String> args = new ArrayList<>(argCount);
        for (int i = 0; i < argCount; i++) {
            args.add(field(in, text));
        }
        return new Request(dir, console, umask, groups, env, List.copyOf(args));
    }

    /** One NUL-terminated field. */
    static String field(InputStream in, Charset text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != 0; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the command line ended early");
            }
            if (b.size() == MAX_FIELD) {
                throw new IOException("a field longer than " + MAX_FIELD + " bytes");
            }
            b.write(c);
        }
        return b.toString(text);
    }

    private static int count(InputStream in, Charset text) throws IOException {
        String value = field(in, text);
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= MAX_FIELDS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IOException("not a count: " + value);
    }
}
