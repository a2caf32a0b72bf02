package io.vaultsync.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard detectors, most specific first: armoured private keys, provider tokens, unarmoured
 * or base64'd key material, then the rules that need a key ({@code bearer-token},
 * {@code password-table}, {@code password-assignment}, {@code high-entropy}), so a GitHub token in
 * {@code password=...} is reported as {@code github-token}.
 *
 * <p>Regexes start with a literal where they can (fast search), and key=value rules start at the
 * separator and look back for the key, so a 5 MiB file scans in about a second. Repeats are bounded
 * where a value may contain a separator, so no input makes a scan quadratic.
 */
final class Detectors {

    /** Every content detector, in the order they run. */
    static final List<Detector> STANDARD = concat(KeyMaterial.ARMOURED, TokenDetectors.ALL, KeyMaterial.UNARMOURED,
            AssignmentDetectors.ALL);

    /** The detectors run on file names: those that know a token by its shape alone. */
    static final List<Detector> NAMES = TokenDetectors.ALL;

    private Detectors() {
    }

    @SafeVarargs
    private static List<Detector> concat(List<Detector>... lists) {
        List<Detector> all = new ArrayList<>();
        for (List<Detector> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
