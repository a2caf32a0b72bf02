package io.vaultsync.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrailersTest {
    @Test
    void messageEndsWithTrailersThatParseBack() {
        String msg = new Trailers("cloud_agent", "vm-1", "op-1", "T-7").message("vaultsync: sync 2 paths\n");
        assertThat(msg).startsWith("vaultsync: sync 2 paths\n\n");
        assertThat(Trailers.parse(msg)).containsEntry(Trailers.AGENT, "cloud_agent").containsEntry(Trailers.MACHINE, "vm-1")
                .containsEntry(Trailers.OPERATION, "op-1").containsEntry(Trailers.TASK, "T-7");
    }

    @Test
    void taskTrailerIsLeftOutWhenThereIsNoTask() {
        assertThat(new Trailers("a", "m", "op", null).message("s")).doesNotContain(Trailers.TASK);
    }
}
