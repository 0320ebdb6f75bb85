package dev.foldout.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmasterPidTest {
    @TempDir
    Path data;

    private void write(String text) throws Exception {
        Files.writeString(data.resolve("postmaster.pid"), text);
    }

    @Test
    void readsTheProcessPortSocketDirectoryAndListenAddress() throws Exception {
        write("4242\n/var/lib/pg/data\n1733300000\n5433\n/run/fo\n*\n  5433001     12\nready   \n");
        PostmasterPid pid = PostmasterPid.read(data).orElseThrow();
        assertThat(pid.pid()).isEqualTo(4242);
        assertThat(pid.port()).isEqualTo(5433);
        assertThat(pid.socketDirectory()).contains(Path.of("/run/fo"));
        assertThat(pid.host()).as("listening on all: reached on the loopback").isEqualTo("127.0.0.1");
        assertThat(pid.socketFile()).as("the socket file is not there").isEmpty();
    }

    @Test
    void aServerWithNoSocketOrAFileHalfWrittenOrNoneAtAll() throws Exception {
        write("4242\n/var/lib/pg/data\n1733300000\n5433\n\n127.0.0.2\n");
        assertThat(PostmasterPid.read(data).orElseThrow().socketDirectory()).isEmpty();
        assertThat(PostmasterPid.read(data).orElseThrow().host()).isEqualTo("127.0.0.2");
        write("4242\n/var/lib/pg/data\n");
        assertThat(PostmasterPid.read(data)).as("a starting server writes it in steps").isEmpty();
        write("not a pid\n/d\n1\n5432\n");
        assertThat(PostmasterPid.read(data)).isEmpty();
        Files.delete(data.resolve("postmaster.pid"));
        assertThat(PostmasterPid.read(data)).isEmpty();
    }

    @Test
    void aFileNamingAProcessThatIsNotAPostgresDoesNotAnswer() throws Exception {
        long self = ProcessHandle.current().pid(); // alive, but a java
        write(self + "\n/d\n1\n1\n\n127.0.0.1\n");
        assertThat(PostmasterPid.read(data).map(PostmasterPid::answers)).isEqualTo(Optional.of(false));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        write(gone.pid() + "\n/d\n1\n1\n\n127.0.0.1\n");
        assertThat(PostmasterPid.read(data).map(PostmasterPid::answers)).isEqualTo(Optional.of(false));
    }
}
