package io.holdfast.regional.waves;

import java.util.Comparator;
import java.util.List;

/**
 * When the next wave of a restoration may start: only once every store of the wave before has
 * drained its backlog (its capability is ONLINE again: central acknowledged all of it), and only
 * while the fleet's event rate is under what central admits. A store that is offline does not hold
 * the fleet back: it restores when it returns, and the decision says so.
 */
public final class WaveRule {

    private WaveRule() {
    }

    /**
     * One store of the plan.
     *
     * @param wave    the wave it was sent in, 0 while it waits for one
     * @param state   its capability's state in its latest heartbeat
     * @param backlog its capability's backlog in that heartbeat
     */
    public record Member(String store, int position, int wave, boolean online, String state, long backlog) {

        boolean drained() {
            return state.equals("ONLINE");
        }
    }

    /** What to do now. */
    public sealed interface Decision {
        String reason();

        record Send(List<String> stores, int wave, String reason) implements Decision {
        }

        record Wait(String reason) implements Decision {
        }

        record Done(String reason) implements Decision {
        }
    }

    public static Decision decide(List<Member> members, int currentWave, int storesPerWave, long fleetRate,
                                  long admittedRate, String capability) {
        List<Member> draining = members.stream()
                .filter(m -> m.wave() > 0 && m.online() && !m.drained()).toList();
        long offline = members.stream().filter(m -> m.wave() > 0 && !m.online() && !m.drained()).count();
        String away = offline == 0 ? "" : "; " + offline + " sent stores are offline and restore when they return";
        if (!draining.isEmpty()) {
            long events = draining.stream().mapToLong(Member::backlog).sum();
            return new Decision.Wait(draining.size() + " stores still draining " + capability + " (" + events
                    + " events to go)" + away);
        }
        List<Member> unsent = members.stream().filter(m -> m.wave() == 0)
                .sorted(Comparator.comparingInt(Member::position)).toList();
        if (unsent.isEmpty()) {
            return new Decision.Done("every store of the plan was sent its RESTORE and the online ones drained" + away);
        }
        if (fleetRate > admittedRate) {
            return new Decision.Wait("the fleet sends " + fleetRate + " events/s and central admits " + admittedRate
                    + ": the next wave waits" + away);
        }
        List<String> next = unsent.stream().limit(storesPerWave).map(Member::store).toList();
        return new Decision.Send(next, currentWave + 1, (currentWave == 0 ? "first wave" : "wave " + currentWave
                + " drained") + "; fleet at " + fleetRate + " of " + admittedRate + " events/s" + away);
    }
}
