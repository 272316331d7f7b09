package io.holdfast.gateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

/**
 * The store's devices, from {@code holdfast.devices}: receipt printers on the network, scanners
 * in TCP server mode, and contactless terminal gates (simulated only, for now).
 */
public record DeviceSettings(Path spoolFolder, List<Printer> printers, List<Scanner> scanners,
                             List<String> paymentTerminals) {

    public static final String DEFAULT_SPOOL = "data/print-spool";

    /** A receipt printer on raw TCP. */
    public record Printer(String id, String host, int port, int columns) {
        public Printer {
            requireId(id);
            Objects.requireNonNull(host, "printer host");
            requirePort(port, "printer " + id);
        }
    }

    /** A scanner that serves its scans as lines on a TCP port. */
    public record Scanner(String id, String host, int port) {
        public Scanner {
            requireId(id);
            Objects.requireNonNull(host, "scanner host");
            requirePort(port, "scanner " + id);
        }
    }

    public DeviceSettings {
        Objects.requireNonNull(spoolFolder, "spool folder");
        printers = List.copyOf(printers);
        scanners = List.copyOf(scanners);
        paymentTerminals = List.copyOf(paymentTerminals);
        paymentTerminals.forEach(DeviceSettings::requireId);
        Set<String> ids = new HashSet<>();
        List<String> all = new ArrayList<>(paymentTerminals);
        printers.forEach(p -> all.add(p.id()));
        scanners.forEach(s -> all.add(s.id()));
        for (String id : all) {
            if (!ids.add(id)) {
                throw new IllegalArgumentException("device id '" + id + "' is used twice in holdfast.devices");
            }
        }
    }

    public static DeviceSettings none() {
        return new DeviceSettings(Path.of(DEFAULT_SPOOL), List.of(), List.of(), List.of());
    }

    static DeviceSettings from(Config devices) {
        Path spool = Path.of(devices.get("spool").asString().orElse(DEFAULT_SPOOL));
        List<Printer> printers = devices.get("printers").asNodeList().orElse(List.of()).stream()
                .map(node -> new Printer(text(node, "id"), text(node, "host"),
                        node.get("port").asInt().orElse(9100), node.get("columns").asInt().orElse(48)))
                .toList();
        List<Scanner> scanners = devices.get("scanners").asNodeList().orElse(List.of()).stream()
                .map(node -> new Scanner(text(node, "id"), text(node, "host"), node.get("port").asInt().get()))
                .toList();
        List<String> terminals = devices.get("payment-terminals").asNodeList().orElse(List.of()).stream()
                .map(node -> {
                    String driver = node.get("driver").asString().orElse("simulator");
                    if (!"simulator".equals(driver)) {
                        throw new ConfigException(node.key() + ".driver: only 'simulator' is available; "
                                + "a real terminal needs its vendor's driver, but got '" + driver + "'");
                    }
                    return text(node, "id");
                })
                .toList();
        return new DeviceSettings(spool, printers, scanners, terminals);
    }

    public DeviceSettings withSpoolFolder(Path folder) {
        return new DeviceSettings(folder, printers, scanners, paymentTerminals);
    }

    private static String text(Config node, String key) {
        return node.get(key).asString().orElseThrow(() -> new ConfigException(node.key() + "." + key + " is missing"));
    }

    private static void requireId(String id) {
        Objects.requireNonNull(id, "device id");
        if (!id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException(
                    "a device id must be 1 to 40 lower-case letters, digits or dashes, but was '" + id + "'");
        }
    }

    private static void requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " port must be between 1 and 65535, but was " + port);
        }
    }
}
