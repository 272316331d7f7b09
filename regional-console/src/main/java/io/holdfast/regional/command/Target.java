package io.holdfast.regional.command;

import java.util.List;

import io.holdfast.regional.fleet.FleetRegister;
import io.holdfast.regional.fleet.RegisteredStore;

/** Which stores an action is for: one store, a region, a cohort, or the whole fleet. */
public sealed interface Target {

    /** The stores of the register this target names, in register order; a name nobody has is an error. */
    List<RegisteredStore> stores(FleetRegister register);

    /** How the audit log and the page say it: {@code store:0421}, {@code region:north}, {@code all}. */
    String label();

    static Target parse(String kind, String value) {
        return switch (kind) {
            case "store" -> new Store(value);
            case "region" -> new Region(value);
            case "cohort" -> new Cohort(value);
            case "all" -> new Fleet();
            default -> throw new IllegalArgumentException("a target is 'store', 'region', 'cohort' or 'all', not '"
                    + kind + "'");
        };
    }

    record Store(String id) implements Target {
        public List<RegisteredStore> stores(FleetRegister register) {
            return List.of(register.find(id).orElseThrow(() -> new IllegalArgumentException(
                    "store '" + id + "' is not in the fleet register")));
        }

        public String label() {
            return "store:" + id;
        }
    }

    record Region(String name) implements Target {
        public List<RegisteredStore> stores(FleetRegister register) {
            return nonEmpty(register.all().stream().filter(s -> s.region().equals(name)).toList(), label());
        }

        public String label() {
            return "region:" + name;
        }
    }

    record Cohort(String name) implements Target {
        public List<RegisteredStore> stores(FleetRegister register) {
            return nonEmpty(register.all().stream().filter(s -> s.cohorts().contains(name)).toList(), label());
        }

        public String label() {
            return "cohort:" + name;
        }
    }

    record Fleet() implements Target {
        public List<RegisteredStore> stores(FleetRegister register) {
            return register.all();
        }

        public String label() {
            return "all";
        }
    }

    private static List<RegisteredStore> nonEmpty(List<RegisteredStore> stores, String label) {
        if (stores.isEmpty()) {
            throw new IllegalArgumentException("no store of the register is in " + label);
        }
        return stores;
    }
}
