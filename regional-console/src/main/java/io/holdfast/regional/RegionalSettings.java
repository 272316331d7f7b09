package io.holdfast.regional;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.helidon.config.Config;

/**
 * The console's configuration ({@code holdfast.regional.*}).
 *
 * @param broker       the fleet's broker, where the stores' statuses are and commands go
 * @param database     the console's own SQLite file (operators, commands, plans, audit log)
 * @param register     the fleet register, a CSV of {@code store,region,cohorts}
 * @param admittedRate the events a second central admits, fleet-wide: waves wait above it
 * @param lateAfter    a store not heard from for this long is shown offline (three missed heartbeats)
 */
public record RegionalSettings(String host, int port, URI broker, Path database, Path register, long admittedRate,
                               Duration lateAfter, Duration commandValidity, Duration planValidity) {

    public static RegionalSettings from(Config regional) {
        return new RegionalSettings(regional.get("host").asString().orElse("127.0.0.1"),
                regional.get("port").asInt().orElse(8070),
                URI.create(regional.get("broker").asString().orElse("tcp://127.0.0.1:1883")),
                Path.of(regional.get("database").asString().orElse("regional/console.db")),
                Path.of(regional.get("register").asString().orElse("regional/fleet.csv")),
                regional.get("admitted-rate").asLong().orElse(2_000L),
                regional.get("late-after").as(Duration.class).orElse(Duration.ofSeconds(45)),
                regional.get("command-validity").as(Duration.class).orElse(Duration.ofMinutes(10)),
                regional.get("plan-validity").as(Duration.class).orElse(Duration.ofHours(48)));
    }

    public RegionalSettings withPort(int port) {
        return new RegionalSettings(host, port, broker, database, register, admittedRate, lateAfter, commandValidity,
                planValidity);
    }
}
