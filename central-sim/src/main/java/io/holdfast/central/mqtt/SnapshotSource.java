package io.holdfast.central.mqtt;

import java.util.List;
import java.util.Optional;

/** Central's rows of a downstream stream for one store, as a snapshot carries them; empty when it has none. */
@FunctionalInterface
public interface SnapshotSource {

    Optional<List<?>> rows(String store, String stream);
}
