package io.vaultsync.distribution.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vaultsync.fixtures.CGit;
import io.vaultsync.fixtures.VaultFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push whose expected old value is no longer true is refused and reported as a status, not thrown. */
class CompareAndSwapTest {
    @TempDir
    Path tmp;

    @Test
    void aBranchMovedSinceTheFetchRefusesThePushAndKeepsItsValue() throws Exception {
        Path bare = CGit.initBare(tmp.resolve("down.git"));
        Path human = tmp.resolve("human");
        CGit.run(tmp, "clone", "-q", bare.toString(), human.toString());
        VaultFiles.write(human, "a.md", "one\n");
        CGit.run(human, "add", "-A");
        CGit.run(human, "commit", "-qm", "one");
        CGit.run(human, "push", "-q", "origin", "HEAD:main");

        try (DownstreamRepo down = DownstreamRepo.fetch("down", bare.toString())) {
            ObjectId base = down.tip("main").orElseThrow();
            ObjectId ours = down.commit(base, Map.of("b.md", "two\n".getBytes()), "ours\n",
                    new PersonIdent("t", "t@x.invalid", Instant.EPOCH, ZoneOffset.UTC));
            CGit.pushAsHuman(bare, "c.md", "meanwhile\n");
            String moved = CGit.run(bare, "rev-parse", "main");

            List<RemoteRefUpdate.Status> got = down.push(List.of(new DownstreamRepo.Move("main", base, ours)));

            assertThat(got).singleElement().isNotIn(RemoteRefUpdate.Status.OK, RemoteRefUpdate.Status.UP_TO_DATE);
            assertThat(CGit.run(bare, "rev-parse", "main")).isEqualTo(moved);
            List<RemoteRefUpdate.Status> fresh = down.push(List.of(new DownstreamRepo.Move("sync", null, ours)));
            assertThat(fresh).containsExactly(RemoteRefUpdate.Status.OK);
            assertThat(down.push(List.of(new DownstreamRepo.Move("sync", null, ours)))).singleElement()
                    .isNotEqualTo(RemoteRefUpdate.Status.OK); // must not exist: it does now
        }
        CGit.assertFsckStrict(bare);
    }
}
