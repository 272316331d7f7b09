package io.holdfast.release;

import java.util.List;
import java.util.Objects;

/**
 * Which stores a release is for: every store, a list of store numbers, or a cohort label that a store
 * carries in its configuration (a pilot group, a region).
 */
public sealed interface ReleaseAudience {

    /** Whether a store with this number and these cohort labels is meant. */
    boolean includes(String storeId, List<String> cohorts);

    /** In words, for a refusal: "all stores", "stores 0512, 0513", "the cohort pilot". */
    default String words() {
        return switch (this) {
            case AllStores all -> "all stores";
            case Stores stores -> "stores " + String.join(", ", stores.storeIds());
            case Cohort cohort -> "the cohort " + cohort.label();
        };
    }

    record AllStores() implements ReleaseAudience {
        @Override
        public boolean includes(String storeId, List<String> cohorts) {
            return true;
        }
    }

    record Stores(List<String> storeIds) implements ReleaseAudience {
        public Stores {
            storeIds = List.copyOf(storeIds);
            if (storeIds.isEmpty()) {
                throw new IllegalArgumentException("a release for a list of stores must name at least one");
            }
        }

        @Override
        public boolean includes(String storeId, List<String> cohorts) {
            return storeIds.contains(storeId);
        }
    }

    record Cohort(String label) implements ReleaseAudience {
        public Cohort {
            Objects.requireNonNull(label, "label");
            if (label.isBlank()) {
                throw new IllegalArgumentException("a cohort label must not be blank");
            }
        }

        @Override
        public boolean includes(String storeId, List<String> cohorts) {
            return cohorts.contains(label);
        }
    }
}
