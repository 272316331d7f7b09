package io.holdfast.regional;

import java.nio.file.Path;
import java.time.Duration;

import io.helidon.config.Config;

import io.holdfast.mqtt.Broker;

/**
 * The console's configuration ({@code holdfast.regional.*}).
 *
 * @param broker       the fleet's broker (its nodes, the console's own user, TLS trust), where the stores'
 *                     statuses are and commands go
 * @param database     the console's own SQLite file (operators, commands, plans, audit log)
 * @param register     the fleet register, a CSV of {@code store,region,cohorts}
 * @param admittedRate the events a second central admits, fleet-wide: waves wait above it
 * @param lateAfter    a store not heard from for this long is shown offline (three missed heartbeats)
 */
public record RegionalSettings(String host, int port, Broker broker, Path database, Path register, long admittedRate,
                               Duration lateAfter, Duration commandValidity, Duration planValidity) {

    public static RegionalSettings from(Config regional) {
        return new RegionalSettings(regional.get("host").asString().orElse("127.0.0.1"),
                regional.get("port").asInt().orElse(8070),
                Broker.configured("holdfast.regional", regional.get("broker").asString().orElse("tcp://127.0.0.1:1883"),
                        regional.get("username").asString().asOptional(),
                        regional.get("password-file").asString().asOptional().map(Path::of),
                        regional.get("tls-issuer").asString().asOptional().map(Path::of)),
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
