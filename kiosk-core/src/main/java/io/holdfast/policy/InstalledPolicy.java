package io.holdfast.policy;

import java.time.Instant;

/** A version of the store's policy, as installed. */
public record InstalledPolicy(long version, String documentJson, Instant installedAt, String installedBy) {
}
