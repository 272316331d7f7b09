package io.holdfast.demo;

import java.util.List;

import io.holdfast.fleetsim.FleetOrders;
import io.holdfast.mode.Capability;
import io.holdfast.mqtt.Broker;

/** How {@code bench-fleet} restores ORDERS: what it sends first, and what it does each second while the fleet drains. */
interface Restoration {

    void begin();

    /** @param rateAtCentral the events central applied in the second just gone */
    default void everySecond(long rateAtCentral) {
    }

    /** What the printed line adds about this restoration; also where it puts back what it changed. */
    default String summary() {
        return "";
    }

    /** One signed RESTORE of ORDERS to every store. */
    record AtOnce(FleetOrders orders, Broker console) implements Restoration {
        @Override
        public void begin() {
            orders.toAll(console, "RESTORE", List.of(Capability.ORDERS), "bench-fleet");
        }
    }
}
