package dev.foldout.cli.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bin/foldout} with the resident JVM, as a user runs it: a first command in a JVM of its own starts the
 * resident, and later ones ({@code FOLDOUT_RESIDENT=only}, which fails rather than fall back) must print, and exit with,
 * exactly what a JVM of their own does ({@code FOLDOUT_RESIDENT=off}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResidentIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Path home;
    private static Path card;
    private static String db;
    private static String url;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void startTheResident() throws Exception {
        db = TestPostgres.uniqueName("resident");
        TestFoldout.seed(db, 200);
        url = TestPostgres.url(db).jdbcUrlWithCredentials();
        home = Files.createTempDirectory("foldout-resident-home-");
        awaitResident();
    }

    /** Runs a command in a JVM of its own (which starts the resident when there is none) and waits until it serves. */
    private static void awaitResident() throws Exception {
        // started after a command whose shell holds a descriptor (a lock file, say), which the resident must not keep
        Run first = exec(List.of("bash", "-c", "exec 7>>\"$1\"; shift; exec \"$@\"", "-", home.resolve("held").toString(),
                ROOT.resolve("bin/foldout").toString(), "databases", "list", "--url", url), "on", ROOT, Map.of());
        assertThat(first.code()).as(first.err()).isZero();
        long deadline = System.nanoTime() + 60_000_000_000L;
        Run served;
        do {
            Thread.sleep(200);
            served = launch("only", ROOT, Map.of(), "databases", "list", "--url", url);
        } while (served.code() != 0 && System.nanoTime() < deadline);
        assertThat(served.code()).as("the resident serves within a minute of the first command: " + served.err()).isZero();
        try (Stream<Path> cards = Files.list(home.resolve("cli"))) {
            card = cards.filter(f -> f.getFileName().toString().startsWith("resident-") && !f.toString().endsWith(".log"))
                    .findFirst().orElseThrow();
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        TestFoldout.dropQuietly(db, db + "_b");
        if (home != null) {
            try (Stream<Path> s = Files.walk(home)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Run launch(String resident, Path cwd, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return exec(foldout(args), resident, cwd, env);
    }

    /**
     * A process of {@code bin/foldout}'s in the test's home, with none of the caller's Foldout variables (CI exports
     * some: a resident started with other values would decline).
     */
    private static ProcessBuilder builder(List<String> cmd, String resident, Path cwd, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("FOLDOUT_") || k.startsWith("FLD_"));
        e.put("FOLDOUT_HOME", home.toString());
        e.put("FOLDOUT_RESIDENT", resident);
        e.putAll(env);
        return pb;
    }

    private static List<String> foldout(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/foldout").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Stdout and stderr into one pipe, as {@code 2>&1 | tee} does: the order of their lines is kept. */
    private static Run merged(String resident, String... args) throws IOException, InterruptedException {
        Process p = builder(foldout(args), resident, ROOT, Map.of()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, "");
    }

    private static Run exec(List<String> cmd, String resident, Path cwd, Map<String, String> env)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("resident-out-", ".txt");
        Path err = Files.createTempFile("resident-err-", ".txt");
        try {
            int code = builder(cmd, resident, cwd, env).redirectOutput(out.toFile()).redirectError(err.toFile()).start()
                    .waitFor();
            return new Run(code, Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Branches the test database through the resident (its name plus {@code suffix}) and runs {@code sql} in it. */
    private static String branchThroughTheResident(String suffix, String... sql) throws IOException, InterruptedException {
        String branch = db + suffix;
        Run made = launch("only", ROOT, Map.of(), "branch", db, branch, "--url", url);
        assertThat(made.code()).as(made.err()).isZero();
        TestPostgres.exec(branch, sql);
        return branch;
    }

    /** The run with the times it printed ("in 311 ms") left out. */
    private static Run timeless(Run r) {
        return new Run(r.code(), r.out().replaceAll("[0-9]+ ms", "N ms"), r.err().replaceAll("[0-9]+ ms", "N ms"));
    }

    /** The same command line in a JVM of its own and through the resident: the same output and exit code. */
    private static Run same(String... args) throws IOException, InterruptedException {
        Run own = launch("off", ROOT, Map.of(), args);
        Run served = launch("only", ROOT, Map.of(), args);
        assertThat(timeless(served)).as(String.join(" ", args)).isEqualTo(timeless(own));
        return served;
    }

    @Test
    @Order(1)
    void itsCardIsTheUsersAlone() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(card))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(card.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(card)).matches("[0-9]+ [0-9a-f]{64}\n");
        ProcessHandle resident = ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(a -> List.of(a).contains(card.toString())).orElse(false)).findFirst().orElseThrow();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(resident.pid()), "fd"))) {
            List<String> open = fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return "";
                }
            }).toList();
            assertThat(open).as("none of the starting shell's descriptors").doesNotContain(home.resolve("held").toString());
        }
    }

    @Test
    @Order(2)
    void printsAndExitsAsAJvmOfTheCommandsOwn() throws Exception {
        assertThat(same("databases", "list", "--url", url).out()).contains(db);
        assertThat(same("databases", "list", "--json", "--url", url).out()).contains("\"" + db + "\"");
        Run missing = same("snapshots", "delete", "no_such_snapshot", "--url", url);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("foldout: no snapshot named \"no_such_snapshot\"").hasLineCount(1);
        assertThat(same("snapshot", "--url", url).code()).as("a usage error").isEqualTo(2);
        assertThat(same("version").out()).startsWith("foldout ");
    }

    @Test
    @Order(3)
    void branchesAndDiffsLikeItsOwnJvm() throws Exception {
        String branch = branchThroughTheResident("_b", "update t set v = 'changed ' || id where id % 2 = 0",
                "delete from t where id > 190");
        Run diff = same("diff", branch, "--url", url);
        assertThat(diff.code()).isZero();
        assertThat(diff.out()).contains("UPDATE ONLY \"public\".\"t\"").contains("DELETE FROM ONLY \"public\".\"t\"");
        assertThat(diff.out().lines().filter(l -> l.startsWith("UPDATE")).count()).isEqualTo(95);
        Run together = merged("only", "diff", branch, "--url", url);
        assertThat(timeless(together)).isEqualTo(timeless(merged("off", "diff", branch, "--url", url)));
        assertThat(together.out()).contains("\nCOMMIT;\n-- end of foldout-diff");
        Run piped = exec(List.of("bash", "-c", ROOT.resolve("bin/foldout") + " diff " + branch + " --url '" + url
                + "' | head -3; echo \"exit ${PIPESTATUS[0]}\""), "only", ROOT, Map.of());
        assertThat(piped.out()).as("a reader that stops early does not stop the command")
                .startsWith("-- foldout-diff v1\n").endsWith("exit 0\n");
        Run deleted = launch("only", ROOT, Map.of(), "delete-branch", branch, "--url", url);
        assertThat(deleted.code()).as(deleted.err()).isZero();
        assertThat(TestPostgres.query("postgres", "select count(*) from pg_database where datname = '" + branch + "'"))
                .isEqualTo("0");
    }

    @Test
    @Order(4)
    void readsTheSettingsOfTheCommandsWorkingDirectory() throws Exception {
        Path dir = Files.createTempDirectory(home, "project-");
        Files.writeString(dir.resolve("foldout.json"), "{\"url\": \"" + url + "\"}");
        Run served = launch("only", dir, Map.of(), "databases", "list");
        assertThat(served.code()).as(served.err()).isZero();
        assertThat(served.out()).contains(db);
        Run config = launch("only", dir, Map.of(), "config");
        assertThat(config.out()).contains(dir.resolve("foldout.json").toString());
    }

    @Test
    @Order(5)
    void declinesAnotherEnvironmentAndTheCommandRunsInItsOwnJvm() throws Exception {
        Map<String, String> other = Map.of("FLD_DATABASE", url);
        Run declined = launch("only", ROOT, other, "databases", "list");
        assertThat(declined.code()).isEqualTo(1);
        assertThat(declined.err()).contains("no resident JVM ran this command");
        Run own = launch("on", ROOT, other, "databases", "list");
        assertThat(own.code()).as(own.err()).isZero();
        assertThat(own.out()).contains(db);
        Run masked = exec(List.of("bash", "-c", "umask 077; exec \"$@\"", "-", ROOT.resolve("bin/foldout").toString(),
                "databases", "list", "--url", url), "only", ROOT, Map.of());
        assertThat(masked.err()).as("another umask: files made would get other modes")
                .contains("no resident JVM ran this command");
        Path stdin = home.resolve("stdin.sql");
        Files.createSymbolicLink(stdin, Path.of("/dev/stdin"));
        assertThat(launch("only", ROOT, Map.of(), "apply", stdin.toString(), "--url", url).err())
                .as("a file that is the client's own stdin").contains("no resident JVM ran this command");
    }

    @Test
    @Order(6)
    void onATerminalStdoutAndStderrKeepTheirOrder() throws Exception {
        String line = ROOT.resolve("bin/foldout") + " snapshots list --url '" + url + "'; "
                + ROOT.resolve("bin/foldout") + " snapshots delete no_such_snapshot --url '" + url + "'; "
                + ROOT.resolve("bin/foldout") + " databases list --url '" + url + "'";
        List<String> script = List.of("script", "-qec", line, "/dev/null"); // util-linux: a pseudo-terminal
        Run own = exec(script, "off", ROOT, Map.of());
        Run served = exec(script, "only", ROOT, Map.of());
        assertThat(own.out()).contains("no snapshot named").contains(db);
        assertThat(served).isEqualTo(own);
    }

    @Test
    @Order(7)
    void provesItHoldsTheSecretAndHangsUpOnAClientWithoutIt() throws Exception {
        String[] cardText = Files.readString(card).strip().split(" ");
        int port = Integer.parseInt(cardText[0]);
        String nonce = "0123456789abcdef0123456789abcdef";
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest((cardText[1] + " " + nonce + "\n").getBytes(StandardCharsets.US_ASCII)));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream o = s.getOutputStream();
            o.write((Request.MAGIC + "\0" + nonce + "\0").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            InputStream in = s.getInputStream();
            assertThat(new String(in.readNBytes(71), StandardCharsets.US_ASCII)).isEqualTo("proof " + expected + "\n");
            o.write("wrong\0".getBytes(StandardCharsets.US_ASCII));
            o.flush();
            assertThat(in.read()).as("hung up without a word: the secret was wrong").isEqualTo(-1);
        }
        for (String hello : List.of(Request.MAGIC + "\0not-a-nonce\0", "GET / HTTP/1.0\r\n\r\n\0")) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(hello.getBytes(StandardCharsets.UTF_8));
                assertThat(s.getInputStream().read()).as("hung up without a word: " + hello).isEqualTo(-1);
            }
        }
    }

    @Test
    @Order(10)
    void aClientChecksTheProofBeforeItSendsTheLine() throws Exception {
        // a program on a dead resident's port (here: one that answers anything) never sees the command line
        try (java.net.ServerSocket squatter = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Files.writeString(card, squatter.getLocalPort() + " " + "ab".repeat(32) + "\n");
            if (isRoot()) { // a card that is not the user's own file is not even read
                Files.setOwner(card, card.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
                squatter.setSoTimeout(1);
                Run foreign = launch("on", ROOT, Map.of(), "version");
                assertThat(foreign.code()).as(foreign.err()).isZero();
                assertThatThrownBy(squatter::accept).as("no connection").isInstanceOf(java.net.SocketTimeoutException.class);
                assertThat(card).as("left alone: it is not the user's").exists();
                Files.delete(card);
                Files.writeString(card, squatter.getLocalPort() + " " + "ab".repeat(32) + "\n");
                squatter.setSoTimeout(0);
            }
            Thread answer = new Thread(() -> {
                try (Socket s = squatter.accept()) {
                    s.getOutputStream().write("proof 00\n".getBytes(StandardCharsets.US_ASCII));
                    s.setSoTimeout(3_000);
                    byte[] got = s.getInputStream().readAllBytes();
                    Files.write(home.resolve("squatter-got"), got);
                } catch (IOException e) {
                    // the client hung up
                }
            });
            answer.start();
            Run run = launch("on", ROOT, Map.of(), "version"); // a command after which no resident starts
            answer.join(10_000);
            assertThat(run.code()).as("ran in its own JVM: " + run.err()).isZero();
            assertThat(run.out()).startsWith("foldout ");
            assertThat(Files.readString(home.resolve("squatter-got"))).as("only the magic and the nonce")
                    .matches(Request.MAGIC + "\0[0-9a-f]{32}\0");
            assertThat(card).as("the stale card is removed").doesNotExist();
        }
    }

    @Test
    @Order(8)
    void aClientThatHangsUpStopsTheResidentAndItsCommandRollsBack() throws Exception {
        String branch = branchThroughTheResident("_h", "update t set v = 'from the branch' where id = 3");
        Path sql = home.resolve("h.sql");
        Run diff = launch("only", ROOT, Map.of(), "diff", branch, "--url", url);
        assertThat(diff.code()).as(diff.err()).isZero();
        Files.writeString(sql, diff.out());
        int port = Integer.parseInt(Files.readString(card).split(" ")[0]);
        try (java.sql.Connection holder = TestPostgres.connect(db)) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("select * from t where id = 3 for update");
            Path said = home.resolve("apply.txt");
            Process applying = builder(foldout("apply", sql.toString(), "--url", url), "only", ROOT, Map.of())
                    .redirectErrorStream(true).redirectOutput(said.toFile()).start();
            assertThat(until(() -> TestPostgres.query("postgres",
                    "select count(*) from pg_locks where not granted").equals("0") ? null : "waiting"))
                    .as(() -> "the apply waits for the row; it said: " + read(said)).isTrue();
            Run busy = launch("only", ROOT, Map.of(), "databases", "list", "--url", url);
            assertThat(busy.code()).as("a busy resident declines").isEqualTo(1);
            Run own = launch("on", ROOT, Map.of(), "databases", "list", "--url", url);
            assertThat(own.code()).as(own.err()).isZero();
            assertThat(own.out()).as("and the command runs in a JVM of its own").contains(db);
            applying.destroy(); // SIGTERM: the client goes, as with Ctrl-C
            applying.waitFor();
            assertThat(until(() -> refuses(port) ? "stopped" : null)).as("the resident stopped").isTrue();
            assertThat(card).as("its card went with it").doesNotExist();
            holder.rollback();
        }
        assertThat(TestPostgres.query(db, "select v from t where id = 3")).as("the apply rolled back").isEqualTo("row 3");
        TestFoldout.dropQuietly(branch);
        awaitResident();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean refuses(int port) {
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return probe.isClosed();
        } catch (IOException e) {
            return true;
        }
    }

    /** Polls {@code check} (null: not yet) for up to 30 seconds; whether it answered. */
    private static boolean until(java.util.function.Supplier<String> check) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (check.get() != null) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    @Order(9)
    void stopsWhenItsCardIsGone() throws Exception {
        int port = Integer.parseInt(Files.readString(card).split(" ")[0]);
        Files.delete(card);
        assertThat(until(() -> refuses(port) ? "stopped" : null)).as("the resident stopped and its port refuses")
                .isTrue();
        Run after = launch("only", ROOT, Map.of(), "databases", "list", "--url", url);
        assertThat(after.code()).isEqualTo(1);
    }
}
