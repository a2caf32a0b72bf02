package io.vaultsync.status;

import io.vaultsync.conflict.CardFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Finds the open decision cards of every agent in a work tree. */
public final class OpenCards {
    private OpenCards() {}

    public static List<StatusReport.OpenCard> list(Path workTree) throws IOException {
        return CardFiles.open(workTree).stream().filter(e -> e.card() != null)
                .map(e -> new StatusReport.OpenCard(e.file(), e.card().kind().yamlName(), e.card().path(), e.agent()))
                .toList();
    }
}
