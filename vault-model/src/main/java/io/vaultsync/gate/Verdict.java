package io.vaultsync.gate;

import java.util.Objects;

/**
 * What the secret gate decided about one candidate file.
 *
 * <p>A {@link Blocked} verdict names the rule that fired ({@code path-escape}, {@code symlink},
 * {@code size-limit}, {@code deny:<pattern>}, {@code name:<detector>} or {@code content:<detector>}); it
 * never carries the file's content, nor the token a {@code name:} rule found in the path.
 */
public sealed interface Verdict permits Verdict.Allowed, Verdict.Blocked {

    /** The single "allowed" verdict. */
    Verdict ALLOWED = new Allowed();

    /** {@code true} if the file must not be staged. */
    default boolean blocked() {
        return this instanceof Blocked;
    }

    /** The file may be staged. */
    record Allowed() implements Verdict {
    }

    /**
     * The file must not be staged.
     *
     * @param rule the rule that fired, e.g. {@code deny:.env*}, {@code name:github-token} or
     *             {@code content:private-key}
     */
    record Blocked(String rule) implements Verdict {
        public Blocked {
            Objects.requireNonNull(rule, "rule");
            if (rule.isBlank()) {
                throw new IllegalArgumentException("rule is blank");
            }
        }
    }
}
