package io.holdfast.central.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ConsumerGroupTest {

    private static final long NOW = 1_000_000_000_000L;
    private static final List<String> STORES = IntStream.rangeClosed(1, 1_000).mapToObj(n -> "S" + n).toList();

    @Test
    void everyStoreHasExactlyOneOwnerAndTheWorkIsShared() {
        List<ConsumerGroup> group = group("c1", "c2", "c3");

        Map<String, Integer> perInstance = new HashMap<>();
        for (String store : STORES) {
            List<String> owners = group.stream().filter(instance -> instance.owns(store, NOW))
                    .map(ConsumerGroup::self).toList();
            assertThat(owners).as(store).hasSize(1);
            perInstance.merge(owners.getFirst(), 1, Integer::sum);
        }
        assertThat(perInstance.values()).allSatisfy(stores -> assertThat(stores).isBetween(250, 420));
    }

    @Test
    void whenAnInstanceDiesOnlyItsStoresMoveAndTheyAllFindAnOwner() {
        List<ConsumerGroup> group = group("c1", "c2", "c3");
        Map<String, String> before = new HashMap<>();
        STORES.forEach(store -> before.put(store, group.getFirst().owner(store, NOW)));

        for (ConsumerGroup survivor : group.subList(0, 2)) {
            survivor.heard(ConsumerGroup.ROOT + "c3", "gone".getBytes(StandardCharsets.UTF_8), NOW);
        }

        for (String store : STORES) {
            String after = group.getFirst().owner(store, NOW);
            assertThat(group.get(1).owner(store, NOW)).isEqualTo(after);
            if (!before.get(store).equals("c3")) {
                assertThat(after).as(store + " stays where it was").isEqualTo(before.get(store));
            } else {
                assertThat(after).isIn("c1", "c2");
            }
        }
    }

    @Test
    void anInstanceSilentPastTheLimitIsTakenForDeadEvenWithoutItsWill() {
        ConsumerGroup c1 = new ConsumerGroup("c1");
        c1.heard(ConsumerGroup.ROOT + "c2", "online".getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(c1.members(NOW + ConsumerGroup.BEAT.toNanos())).containsExactly("c1", "c2");
        assertThat(c1.members(NOW + ConsumerGroup.SILENCE.toNanos())).containsExactly("c1");
        assertThat(STORES).allMatch(store -> c1.owns(store, NOW + ConsumerGroup.SILENCE.toNanos()));
    }

    @Test
    void itsOwnOldWillDoesNotMakeAnInstanceGiveItsStoresAway() {
        ConsumerGroup c1 = new ConsumerGroup("c1");
        c1.heard(ConsumerGroup.ROOT + "c1", "gone".getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(c1.members(NOW)).containsExactly("c1");
        assertThat(c1.owns("S1", NOW)).isTrue();
    }

    private static List<ConsumerGroup> group(String... names) {
        List<ConsumerGroup> group = java.util.Arrays.stream(names).map(ConsumerGroup::new).toList();
        for (ConsumerGroup member : group) {
            for (String other : names) {
                member.heard(ConsumerGroup.ROOT + other, "online".getBytes(StandardCharsets.UTF_8), NOW);
            }
        }
        return group;
    }
}
