package dev.foldout.cli.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        InputStream in = fields(Request.MAGIC, "s3cret", "/work/dir", "1", "0", "2", "FOLDOUT_HOME=/h", "PATH=/bin:x=y",
                "3", "diff", "name with spaces", "--url=postgresql://a:b@c/d?x=1");
        assertThat(Request.field(in)).isEqualTo(Request.MAGIC);
        Request r = Request.readAfterMagic(in);
        assertThat(r.secret()).isEqualTo("s3cret");
        assertThat(r.workingDir()).isEqualTo("/work/dir");
        assertThat(r.terminal()).isTrue();
        assertThat(r.stdoutTerminal()).isFalse();
        assertThat(r.env()).containsExactly(Map.entry("FOLDOUT_HOME", "/h"), Map.entry("PATH", "/bin:x=y"));
        assertThat(r.args()).containsExactly("diff", "name with spaces", "--url=postgresql://a:b@c/d?x=1");
        assertThat(r.toString()).doesNotContain("s3cret");
    }

    @Test
    void refusesALineCutShortOrOutOfBounds() {
        assertThatThrownBy(() -> Request.readAfterMagic(fields("s", "/", "0", "0", "0", "2", "a")))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> Request.readAfterMagic(fields("s", "/", "0", "0", "99999")))
                .hasMessageContaining("not a count");
        assertThatThrownBy(() -> Request.readAfterMagic(fields("s", "/", "0", "0", "1", "no-equals-sign")))
                .hasMessageContaining("without a name");
        assertThatThrownBy(() -> Request.field(fields("x".repeat(70_000)))).hasMessageContaining("longer than");
    }

    @Test
    void comparesOnlyTheVariablesACommandDependsOn() {
        Map<String, String> env = Map.of("FOLDOUT_HOME", "/h", "FLD_DATABASE", "u", "PGPASSWORD", "p", "LC_ALL", "C",
                "PATH", "/bin", "FOLDOUT_RESIDENT", "only", "FOLDOUT_CDS", "off", "TERM", "xterm", "PWD", "/x",
                "SHLVL", "2");
        assertThat(Resident.relevant(env).keySet()).containsExactly("FLD_DATABASE", "FOLDOUT_HOME", "LC_ALL", "PATH",
                "PGPASSWORD");
    }

    @Test
    void framesLinesOfBothStreamsInTheOrderWritten() throws IOException {
        ByteArrayOutputStream socket = new ByteArrayOutputStream();
        LineFrames err = LineFrames.stderr(socket);
        PrintStream out = new PrintStream(LineFrames.stdout(socket), false, StandardCharsets.UTF_8);
        out.print("first\nsecond ");
        out.flush();
        err.write("oops\nno break".getBytes(StandardCharsets.UTF_8));
        out.println("third – ünïcode");
        out.flush();
        err.exit(1);
        assertThat(socket.toString(StandardCharsets.UTF_8).split("\n", -1)).containsExactly("ofirst", "qsecond ",
                "eoops", "othird – ünïcode", "pno break", "x1", "");
    }
}
