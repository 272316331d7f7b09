package io.holdfast.gateway.update;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether {@code holdfast supervise} started this gateway, and as which release: the supervisor says
 * so in the child's environment. Only a supervised gateway switches releases, since only the
 * supervisor can start the new one and go back when it fails.
 *
 * @param releases      the folder of releases and switch files
 * @param version       the release this process runs
 * @param supervisorPid the supervisor's process id
 */
public record Supervision(Path releases, String version, long supervisorPid) {

    public static final String RELEASES = "HOLDFAST_RELEASES";
    public static final String RELEASE = "HOLDFAST_RELEASE";
    public static final String SUPERVISOR = "HOLDFAST_SUPERVISOR";
    /** The exit code a gateway stops with to hand over after a switch: start whatever {@code current} is now. */
    public static final int HAND_OVER = 75;

    /** Read from the environment the supervisor gave; empty when the gateway was started by hand. */
    public static Optional<Supervision> from(Map<String, String> environment) {
        String releases = environment.get(RELEASES);
        String version = environment.get(RELEASE);
        String pid = environment.get(SUPERVISOR);
        if (releases == null || version == null || pid == null || !pid.matches("[0-9]{1,10}")) {
            return Optional.empty();
        }
        return Optional.of(new Supervision(Path.of(releases), version, Long.parseLong(pid)));
    }
}
