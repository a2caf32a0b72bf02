package io.vaultsync.gate;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Layer 2 of the gate: scans file content for secrets. Bytes are read as ISO-8859-1, one char
 * per byte, so binary files are scanned too; UTF-16 and UTF-32 text is also scanned decoded (see
 * {@link TextDecoding}). Detectors run in order; the first that hits wins.
 */
final class ContentScanner {

    private final List<Detector> detectors;

    ContentScanner(List<Detector> detectors) {
        this.detectors = List.copyOf(Objects.requireNonNull(detectors, "detectors"));
    }

    static ContentScanner standard() {
        return new ContentScanner(Detectors.STANDARD);
    }

    /** The name of the first detector that finds a secret in {@code content}, if any. */
    Optional<String> firstHit(byte[] content) {
        Objects.requireNonNull(content, "content");
        for (String text : TextDecoding.texts(content)) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (Detector detector : detectors) {
                if (detector.foundIn(text, lower)) {
                    return Optional.of(detector.name());
                }
            }
        }
        return Optional.empty();
    }

    /** The detector names, in the order they run. */
    List<String> detectorNames() {
        return detectors.stream().map(Detector::name).distinct().toList();
    }
}
