package dev.foldout.internal.diff.output;

import dev.foldout.FoldoutException;
import dev.foldout.ParentChanges;
import dev.foldout.internal.diff.DiffHeader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A diff file read back and checked before anything runs: the header, one statement per line ending in
 * {@code ;}, {@code BEGIN;} first and {@code COMMIT;} last, each statement one a diff can hold ({@link DiffGrammar}),
 * and the trailer with the statement count and the SHA-256 of every line before it. A bad or truncated file is
 * refused with the line that is wrong.
 *
 * @param header     what the file says it is
 * @param statements its statements with their line numbers, {@code BEGIN;} and {@code COMMIT;} left out
 */
public record DiffFile(DiffHeader header, List<Line> statements) {
    private static final String[] HEADER = {"-- parent: ", "-- branch: ", "-- mode: ", "-- parent-oid: ", "-- parent-schema: "};
    private static final Pattern PARENT_OWN = Pattern.compile(Pattern.quote(SqlWriter.PARENT_OWN)
            + "(\\d{1,18}) rows, (\\d{1,18}) objects");
    private static final Pattern TRAILER = Pattern.compile(Pattern.quote(SqlWriter.TRAILER)
            + "(\\d+) statements, sha256 ([0-9a-f]{64})");

    /** A statement and the line it is on. */
    public record Line(int number, String sql) {
    }

    /** Reads and checks a diff file; {@code source} names it in errors. */
    public static DiffFile read(Reader in, String source) {
        try {
            return parse(new BufferedReader(in), source);
        } catch (IOException e) {
            throw new FoldoutException("could not read the diff " + source + ": " + e.getMessage(), e);
        }
    }

    private static DiffFile parse(BufferedReader in, String source) throws IOException {
        MessageDigest digest = Checksums.sha256();
        String[] values = new String[HEADER.length];
        String first = in.readLine();
        if (!SqlWriter.MAGIC.equals(first)) {
            throw bad(source, 1, "is not a foldout diff: the first line must be '" + SqlWriter.MAGIC + "'");
        }
        Checksums.update(digest, first);
        int n = 1;
        for (int i = 0; i < HEADER.length; i++) {
            String line = in.readLine();
            n++;
            if (line == null || !line.startsWith(HEADER[i])) {
                throw bad(source, n, "has a broken header: expected a line starting with '" + HEADER[i].strip() + "'");
            }
            values[i] = line.substring(HEADER[i].length());
            Checksums.update(digest, line);
        }
        List<Line> statements = new ArrayList<>();
        ParentChanges parentOwn = ParentChanges.UNKNOWN;
        int count = 0;
        boolean inRows = false;
        String last = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            n++;
            Matcher trailer = TRAILER.matcher(line);
            if (trailer.matches()) {
                check(source, n, count, last, trailer, digest, in.readLine());
                return new DiffFile(header(source, values, parentOwn), statements);
            }
            Checksums.update(digest, line);
            Matcher own = PARENT_OWN.matcher(line);
            if (own.matches() && count == 0) {
                parentOwn = new ParentChanges(true, Long.parseLong(own.group(1)), Long.parseLong(own.group(2)));
            }
            if (line.startsWith("--")) {
                continue;
            }
            if (!line.endsWith(";")) {
                throw bad(source, n, "has a line that is not one whole statement (it does not end with ';')");
            }
            count++;
            if (count == 1 && !line.equals("BEGIN;")) {
                throw bad(source, n, "must start its statements with BEGIN;");
            }
            if (count > 1 && last != null && last.equals("COMMIT;")) {
                throw bad(source, n, "has a statement after COMMIT;");
            }
            if (count > 1 && !line.equals("COMMIT;")) {
                if (line.equals(SqlWriter.ROWS_BEGIN) || line.equals(SqlWriter.ROWS_END)) {
                    inRows = line.equals(SqlWriter.ROWS_BEGIN);
                } else {
                    String why = DiffGrammar.problem(line, inRows).orElse(null);
                    if (why != null) {
                        throw bad(source, n, "holds a statement that no foldout diff holds: " + why);
                    }
                }
                statements.add(new Line(n, line));
            }
            last = line;
        }
        throw bad(source, n, "is truncated: it ends without the '" + SqlWriter.TRAILER.strip() + "' trailer");
    }

    private static void check(String source, int n, int count, String last, Matcher trailer, MessageDigest digest,
                              String after) {
        if (!"COMMIT;".equals(last)) {
            throw bad(source, n, "is truncated: its last statement is not COMMIT;");
        }
        if (Integer.parseInt(trailer.group(1)) != count) {
            throw bad(source, n, "has " + count + " statements but its trailer says " + trailer.group(1) + ": lines were added or removed");
        }
        if (!HexFormat.of().formatHex(digest.digest()).equals(trailer.group(2))) {
            throw bad(source, n, "was changed after it was written: its SHA-256 does not match the trailer's");
        }
        if (after != null) {
            throw bad(source, n + 1, "has text after its trailer");
        }
    }

    private static DiffHeader header(String source, String[] v, ParentChanges parentOwn) {
        if (!v[3].matches("\\d{1,10}") || !v[4].matches("[0-9a-f]{32}")) {
            throw bad(source, 5, "has a broken header: parent-oid or parent-schema is malformed");
        }
        String parent = HeaderText.unescape(v[0]);
        String branch = HeaderText.unescape(v[1]);
        if (parent == null || branch == null) {
            throw bad(source, parent == null ? 2 : 3, "has a broken header: a name holds a backslash escape no diff writes");
        }
        return new DiffHeader(parent, branch, v[2], Long.parseLong(v[3]), v[4], parentOwn);
    }

    private static FoldoutException bad(String source, int line, String what) {
        return new FoldoutException("the diff " + source + " " + what + " (line " + line + "); make it again with foldout diff");
    }
}
