package dev.foldout.cli.resident;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command line sent by {@code bin/foldout}: NUL-terminated fields, {@code foldout-resident-2} and a nonce (to
 * which the resident answers with its proof, {@link Resident}), then the secret, the
 * working directory, whether stderr and stdout are terminals ({@code 1} or {@code 0} each), the number of environment entries, each
 * as {@code NAME=value}, the number of arguments, each argument.
 *
 * @param secret the secret the client read from the card
 * @param workingDir the client's working directory
 * @param terminal whether the client's stderr is a terminal
 * @param stdoutTerminal whether the client's stdout is a terminal
 * @param env the variables the client sent ({@link #RELEVANT} ones)
 * @param args the command line
 */
record Request(String secret, String workingDir, boolean terminal, boolean stdoutTerminal, Map<String, String> env, List<String> args) {
    /** The first field of a command line. */
    static final String MAGIC = "foldout-resident-2";
    /** The first field of the connection that carries a command's stdout; its id follows. */
    static final String STDOUT = "stdout";
    private static final int MAX_FIELD = 1 << 16;
    private static final int MAX_FIELDS = 4096;

    /**
     * Whether a variable can change what a command does, so that the client and the resident must agree on it: it is
     * Foldout's, the driver's or the JVM's, or names the user, their files or their locale. {@code bin/foldout} sends
     * the same set.
     */
    static boolean relevant(String name) {
        if (name.equals("FOLDOUT_RESIDENT") || name.equals("FOLDOUT_CDS")) {
            return false; // how bin/foldout runs a command, not what the command does
        }
        return name.startsWith("FOLDOUT_") || name.startsWith("FLD_") || name.startsWith("PG") || name.startsWith("LC_")
                || RELEVANT.contains(name);
    }

    /** The variables {@link #relevant} names besides its prefixes. */
    static final List<String> RELEVANT = List.of("HOME", "USER", "LOGNAME", "PATH", "LANG", "TZ", "TMPDIR",
            "JAVA_HOME", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    /** Reads the fields after the first; throws IOException when they are cut short, too many or too long. */
    static Request readAfterMagic(InputStream in) throws IOException {
        String secret = field(in);
        String dir = field(in);
        boolean terminal = field(in).equals("1");
        boolean stdoutTerminal = field(in).equals("1");
        int envCount = count(in);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < envCount; i++) {
            String entry = field(in);
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IOException("an environment entry without a name");
            }
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        int argCount = count(in);
        List<String> args = new ArrayList<>(argCount);
        for (int i = 0; i < argCount; i++) {
            args.add(field(in));
        }
        return new Request(secret, dir, terminal, stdoutTerminal, env, List.copyOf(args));
    }

    /** One NUL-terminated field, as UTF-8. */
    static String field(InputStream in) throws IOException {
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
        return b.toString(StandardCharsets.UTF_8);
    }

    private static int count(InputStream in) throws IOException {
        String text = field(in);
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= MAX_FIELDS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IOException("not a count: " + text);
    }

    @Override
    public String toString() {
        return "Request" + args; // never the secret
    }
}
