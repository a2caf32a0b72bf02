package io.vaultsync.sync;

import static io.vaultsync.config.Mappers.JSON;

import io.vaultsync.config.AtomicFiles;
import io.vaultsync.config.SettingsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Which version of the policy was in force at which branch head ({@code .git/vaultsync/policy-anchor.json},
 * never synced): the next look starts there instead of at the first commit. A missing, torn or foreign
 * file only costs one walk of the whole history.
 */
record PolicyAnchor(ObjectId head, ObjectId blob, List<String> ignored) {
    /** How many versions that were not applied are remembered (the newest). */
    static final int KEEP = 20;

    PolicyAnchor {
        ignored = List.copyOf(ignored.size() > KEEP ? ignored.subList(ignored.size() - KEEP, ignored.size()) : ignored);
    }

    static Path file(Path gitDir) {
        return SettingsStore.stateDir(gitDir).resolve("policy-anchor.json");
    }

    static PolicyAnchor read(Path gitDir) {
        Path f = file(gitDir);
        if (!Files.isRegularFile(f)) return null;
        try {
            Map<?, ?> m = JSON.readValue(f.toFile(), Map.class);
            List<String> ignored = m.get("ignored") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
            return new PolicyAnchor(ObjectId.fromString(String.valueOf(m.get("head"))),
                    ObjectId.fromString(String.valueOf(m.get("blob"))), ignored);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    void write(Path gitDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("head", head.name());
        m.put("blob", blob.name());
        m.put("ignored", ignored);
        try {
            AtomicFiles.write(file(gitDir), JSON.writeValueAsBytes(m));
        } catch (IOException e) {
            // only an optimisation: the next look walks the history again
        }
    }
}
