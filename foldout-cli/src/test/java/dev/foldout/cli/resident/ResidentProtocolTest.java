package dev.foldout.cli.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResidentProtocolTest {
    private static InputStream fields(String... fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            b.append(f).append('\0');
        }
        return new BufferedInputStream(new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsACommandLineWithItsEnvironment() throws IOException {
        Request r = Request.read(fields("/work/dir", "1", "0022", "0 27", "2", "FOLDOUT_HOME=/h", "PATH=/bin:x=y", "3", "diff",
                "nämé with spaces", "--url=postgresql://a:b@c/d?x=1"), StandardCharsets.UTF_8);
        assertThat(r.workingDir()).isEqualTo("/work/dir");
        assertThat(r.console()).isTrue();
        assertThat(ProcessFacts.of(r.umask(), r.groups())).isEqualTo(new ProcessFacts(0022, java.util.Set.of("0", "27")));
        assertThat(r.env()).containsExactly(Map.entry("FOLDOUT_HOME", "/h"), Map.entry("PATH", "/bin:x=y"));
        assertThat(r.args()).containsExactly("diff", "nämé with spaces", "--url=postgresql://a:b@c/d?x=1");
    }

    @Test
    void refusesALineCutShortOrOutOfBounds() {
        assertThatThrownBy(() -> Request.read(fields("/", "0", "0022", "0", "2", "a=b"), StandardCharsets.UTF_8))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> Request.read(fields("/", "0", "0022", "0", "99999"), StandardCharsets.UTF_8))
                .hasMessageContaining("not a count");
        assertThatThrownBy(() -> Request.read(fields("/", "0", "0022", "0", "1", "no-equals-sign"), StandardCharsets.UTF_8))
                .hasMessageContaining("without a name");
        assertThatThrownBy(() -> Request.field(fields("x".repeat(70_000)), StandardCharsets.UTF_8))
                .hasMessageContaining("longer than");
    }

    @Test
    void comparesOnlyTheVariablesACommandDependsOn() {
        Map<String, String> env = Map.of("FOLDOUT_HOME", "/h", "FLD_DATABASE", "u", "PGPASSWORD", "p", "LC_ALL", "C",
                "PATH", "/bin", "FOLDOUT_RESIDENT", "only", "FOLDOUT_CDS", "off", "_JAVA_OPTIONS", "-Dx=1", "PWD", "/x",
                "SHLVL", "2");
        assertThat(Request.relevant(env).keySet()).containsExactly("FLD_DATABASE", "FOLDOUT_HOME", "LC_ALL", "PATH",
                "PGPASSWORD", "_JAVA_OPTIONS");
    }

    @Test
    void sendsBothStreamsInTheOrderWrittenAndNothingAfterTheClientIsGone() throws Exception {
        ByteArrayOutputStream socket = new ByteArrayOutputStream();
        Chunks chunks = new Chunks(socket);
        PrintStream out = new PrintStream(chunks.stdout(), false, StandardCharsets.UTF_8); // no flush: no linger
        PrintStream err = new PrintStream(chunks.stderr(), false, StandardCharsets.UTF_8);
        out.print("first\nsecond ");
        err.print("oops\n");
        out.print("third – ünïcode\n");
        out.print("nul\0\0end");
        assertThat(chunks.exit(1)).isTrue();
        assertThat(socket.toString(StandardCharsets.UTF_8)).isEqualTo(
                "o13\nfirst\nsecond e5\noops\no23\nthird – ünïcode\nnulO2\no3\nendx1\n");

        Chunks broken = new Chunks(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("the client hung up");
            }
        });
        new PrintStream(broken.stdout(), true, StandardCharsets.UTF_8).println("lost");
        assertThat(broken.exit(0)).as("the client is gone").isFalse();
    }

    @Test
    void aFlushSendsWithinTheLingerAndALongWriteInChunksOfTheLimit() throws Exception {
        ByteArrayOutputStream socket = new ByteArrayOutputStream();
        Chunks chunks = new Chunks(socket);
        PrintStream out = new PrintStream(chunks.stdout(), true, StandardCharsets.UTF_8);
        out.println("now");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (socket.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(socket.toString(StandardCharsets.UTF_8)).isEqualTo("o4\nnow\n");
        socket.reset();
        byte[] big = new byte[Chunks.MAX_CHUNK * 2 + 10];
        Arrays.fill(big, (byte) 'a');
        chunks.stdout().write(big);
        chunks.exit(0);
        String sent = socket.toString(StandardCharsets.US_ASCII);
        assertThat(sent).startsWith("o" + Chunks.MAX_CHUNK + "\n").endsWith("o10\naaaaaaaaaa" + "x0\n");
        assertThat(sent.length()).as("two full chunks, the rest, the exit").isEqualTo(big.length
                + 2 * ("o" + Chunks.MAX_CHUNK + "\n").length() + "o10\n".length() + "x0\n".length());
    }
}
