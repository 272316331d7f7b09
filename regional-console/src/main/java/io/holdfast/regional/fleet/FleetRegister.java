package io.holdfast.regional.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The stores regional IT looks after, read from a CSV file: {@code store,region,cohort;cohort}, one
 * store a line, {@code #} for comments. A heartbeat from a store not in it is counted and ignored.
 */
public final class FleetRegister {

    private static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<String, RegisteredStore> stores;

    private FleetRegister(Map<String, RegisteredStore> stores) {
        this.stores = stores;
    }

    public static FleetRegister of(Collection<RegisteredStore> stores) {
        Map<String, RegisteredStore> byId = new LinkedHashMap<>();
        stores.forEach(store -> byId.put(store.id(), store));
        return new FleetRegister(byId);
    }

    public static FleetRegister read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fleet register " + csv, e);
        }
        Map<String, RegisteredStore> byId = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length < 2 || !STORE_ID.matcher(fields[0].strip()).matches() || fields[1].isBlank()) {
                throw new IllegalArgumentException(csv + " line " + (n + 1) + ": expected 'store,region[,cohort;cohort]'"
                        + " with a store id of letters, digits, '-' or '_', but was '" + line + "'");
            }
            Set<String> cohorts = fields.length > 2 ? Arrays.stream(fields[2].split(";")).map(String::strip)
                    .filter(c -> !c.isEmpty()).collect(Collectors.toSet()) : Set.of();
            String id = fields[0].strip();
            if (byId.put(id, new RegisteredStore(id, fields[1].strip(), cohorts)) != null) {
                throw new IllegalArgumentException(csv + " line " + (n + 1) + ": store " + id + " is listed twice");
            }
        }
        return new FleetRegister(byId);
    }

    /** Writes a register, as the demo does for its fleet. */
    public static void write(Path csv, Collection<RegisteredStore> stores) {
        StringBuilder text = new StringBuilder("# store,region,cohorts (separated by ';')\n");
        stores.forEach(store -> text.append(store.id()).append(',').append(store.region()).append(',')
                .append(String.join(";", store.cohorts().stream().sorted().toList())).append('\n'));
        try {
            Files.createDirectories(csv.toAbsolutePath().getParent());
            Files.writeString(csv, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fleet register " + csv, e);
        }
    }

    public Optional<RegisteredStore> find(String id) {
        return Optional.ofNullable(stores.get(id));
    }

    public List<RegisteredStore> all() {
        return List.copyOf(stores.values());
    }

    public int size() {
        return stores.size();
    }
}
