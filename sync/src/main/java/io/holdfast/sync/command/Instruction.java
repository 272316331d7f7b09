package io.holdfast.sync.command;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.holdfast.mode.Audience;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.release.ReleaseAnnouncement;

/** What a signed command asks the store to do. */
public sealed interface Instruction {

    /** Containment: cut these capabilities off from central. */
    record Isolate(Set<Capability> capabilities, String reason) implements Instruction {
        public Isolate {
            capabilities = Set.copyOf(capabilities);
        }
    }

    /** Restoration: these capabilities drain their backlog, then go online. */
    record Restore(Set<Capability> capabilities, String reason) implements Instruction {
        public Restore {
            capabilities = Set.copyOf(capabilities);
        }
    }

    /** Replaces what customers or colleagues are told about a capability in a state. */
    record SetNotice(Capability capability, CapabilityState state, Audience audience, String text)
            implements Instruction {
    }

    /** The most events a second the store may send to central. */
    record SetRate(int eventsPerSecond) implements Instruction {
    }

    /** Installs a new version of the store's policy; an older or equal version is refused. */
    record ReplacePolicy(long version, String documentJson) implements Instruction {
    }

    /** A gateway release to fetch, check and install when the gate allows. */
    record UpdateAvailable(ReleaseAnnouncement release) implements Instruction {
    }

    /** No release installs until {@code until} unless it is a fix; a later FREEZE replaces this one. */
    record Freeze(Instant until, String reason) implements Instruction {
    }

    /** The names used in the envelope's {@code type}. */
    List<String> TYPES = List.of("ISOLATE", "RESTORE", "SET_NOTICE", "SET_RATE", "REPLACE_POLICY",
            "UPDATE_AVAILABLE", "FREEZE");
}
