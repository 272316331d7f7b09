package io.holdfast.release;

import java.util.List;
import java.util.Objects;

/** What a store decided about a release: take it, or refuse it with a stable code and a reason. */
public sealed interface ReleaseVerdict {

    /** @param signers the trusted keys whose signatures checked out */
    record Accepted(ReleaseManifest manifest, List<String> signers) implements ReleaseVerdict {
        public Accepted {
            Objects.requireNonNull(manifest, "manifest");
            signers = List.copyOf(signers);
        }
    }

    record Refused(ReleaseRefusal refusal, String reason) implements ReleaseVerdict {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
