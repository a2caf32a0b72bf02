package io.vaultsync.gate;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.MatchResult;

/**
 * Secrets in file names: {@code Plans/ghp_....md}, {@code AKIA....md}. Runs the detectors that know a
 * token by its shape ({@link Detectors#NAMES}) over a vault-relative path, whose {@code /} ends a token
 * like any other separator. Also masks those tokens, for every place that shows a path.
 */
final class NameScanner {

    /** What stands in for a token in a shown path. */
    static final String MASK = "***";

    /** At most this many tokens are masked in one path; a path holding more is masked whole. */
    private static final int MAX_TOKENS = 16;

    private final List<Detector> detectors;

    NameScanner(List<Detector> detectors) {
        this.detectors = List.copyOf(Objects.requireNonNull(detectors, "detectors"));
    }

    static NameScanner standard() {
        return new NameScanner(Detectors.NAMES);
    }

    /** The name of the first detector that finds a token in {@code relPath}, if any. */
    Optional<String> firstHit(String relPath) {
        String lower = relPath.toLowerCase(Locale.ROOT);
        for (Detector detector : detectors) {
            if (detector.foundIn(relPath, lower)) {
                return Optional.of(detector.name());
            }
        }
        return Optional.empty();
    }

    /** {@code relPath} with every token in it replaced by {@link #MASK}; unchanged if it holds none. */
    String masked(String relPath) {
        String path = relPath;
        for (int masked = 0; masked <= MAX_TOKENS; masked++) {
            Optional<MatchResult> hit = firstMatch(path);
            if (hit.isEmpty()) {
                return path;
            }
            path = path.substring(0, hit.get().start()) + MASK + path.substring(hit.get().end());
        }
        return MASK;
    }

    private Optional<MatchResult> firstMatch(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (Detector detector : detectors) {
            Optional<MatchResult> hit = detector.firstIn(path, lower);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }
}
