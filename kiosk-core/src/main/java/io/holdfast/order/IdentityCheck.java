package io.holdfast.order;

import java.util.Objects;
import java.util.Optional;

/**
 * How the colleague made sure the goods go to the right person: the method, the kind of photo ID
 * seen (for {@link Verification#ID_SEEN}, and required for a {@link Verification#PROXY}), and the
 * name of a proxy collecting for the customer. What is recorded is the kind of check, never a code
 * or an ID number.
 */
public record IdentityCheck(Verification method, Optional<PhotoId> photoId, Optional<String> collector) {

    /** Longest proxy's name kept. */
    public static final int NAME_LIMIT = 80;

    public IdentityCheck {
        Objects.requireNonNull(method, "verification");
        Objects.requireNonNull(photoId, "photo id");
        collector = Objects.requireNonNull(collector, "collector").map(String::strip);
        problem(method, photoId, collector).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** A check by code or QR, or photo ID whose kind was not given (API callers before kinds existed). */
    public static IdentityCheck of(Verification method) {
        return new IdentityCheck(method, Optional.empty(), Optional.empty());
    }

    /** Why these parts do not make a check, in a colleague's words; empty when they do. */
    public static Optional<String> problem(Verification method, Optional<PhotoId> photoId, Optional<String> collector) {
        Optional<String> name = collector.map(String::strip);
        if (method == Verification.PROXY) {
            if (name.filter(n -> !n.isEmpty()).isEmpty()) {
                return Optional.of("a proxy collection needs the collector's full name");
            }
            if (name.get().length() > NAME_LIMIT || !name.get().codePoints().allMatch(IdentityCheck::nameCharacter)) {
                return Optional.of("a collector's name is letters, spaces, hyphens and apostrophes, at most "
                        + NAME_LIMIT + " characters");
            }
            if (photoId.isEmpty()) {
                return Optional.of("a proxy collection needs the kind of photo ID the collector showed");
            }
            return Optional.empty();
        }
        if (name.isPresent()) {
            return Optional.of("a collector's name goes only with a proxy collection (PROXY)");
        }
        if (photoId.isPresent() && method != Verification.ID_SEEN) {
            return Optional.of("a kind of photo ID goes only with ID_SEEN or PROXY");
        }
        return Optional.empty();
    }

    private static boolean nameCharacter(int c) {
        return Character.isLetter(c) || c == ' ' || c == '-' || c == '\'' || c == '.' || c == '\u2019';
    }

    /** For telling a repeated request from a different one. */
    String canonical() {
        return method + "/" + photoId.map(Enum::name).orElse("") + "/" + collector.orElse("");
    }
}
