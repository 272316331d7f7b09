package io.holdfast.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import io.holdfast.gateway.logging.LogFormat;
import io.holdfast.privacy.PersonalDataPurge;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.sync.SyncConfig;

/**
 * Everything the gateway reads from configuration, read once, validated, with named defaults.
 * Each key is listed with its default in the README and in {@code application.yaml}.
 */
public record GatewaySettings(String storeId, String host, int port, long maxPayloadBytes,
                              DatabaseSettings database, LogFormat logFormat, CentralEndpoints central,
                              DeviceSettings devices, DeskSettings desk, ResilienceSettings resilience,
                              SyncConfig sync, ReturnsSettings returns, ZoneId zone, Duration personalDataRetention) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    /** 64 KiB: the largest legitimate request (a receipt with many lines) is a few KiB. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final String DEFAULT_DATABASE = "data/holdfast.db";
    /** The store's time zone: its days (return windows, daily caps, pickup-by dates) begin at midnight here. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");

    private static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9-]{1,16}");

    public GatewaySettings {
        Objects.requireNonNull(storeId, "store id");
        if (!STORE_ID.matcher(storeId).matches()) {
            throw new IllegalArgumentException(
                    "holdfast.store.id must be 1 to 16 letters, digits or dashes, but was '" + storeId + "'");
        }
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server.port must be between 0 and 65535, but was " + port);
        }
        if (maxPayloadBytes < 1024) {
            throw new IllegalArgumentException("server.max-payload-size must be at least 1024 bytes, but was " + maxPayloadBytes);
        }
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(logFormat, "log format");
        Objects.requireNonNull(central, "central endpoints");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(desk, "desk");
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(returns, "returns");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(personalDataRetention, "personal data retention");
        if (personalDataRetention.isNegative() || personalDataRetention.isZero()) {
            throw new IllegalArgumentException("holdfast.store.personal-data-retention must be positive, but was "
                    + personalDataRetention);
        }
    }

    /** Reads {@code server.*} and {@code holdfast.*}; a missing key takes its default. */
    public static GatewaySettings from(Config config) {
        Config server = config.get("server");
        Config store = config.get("holdfast.store");
        Config central = config.get("holdfast.central");
        DatabaseSettings database = new DatabaseSettings(
                Path.of(read(store.get("database"), Function.identity(), DEFAULT_DATABASE)),
                read(store.get("busy-timeout"), Duration::parse, DatabaseSettings.DEFAULT_BUSY_TIMEOUT),
                read(store.get("readers"), Integer::parseInt, DatabaseSettings.DEFAULT_READERS));
        return new GatewaySettings(
                read(store.get("id"), Function.identity(), "0001"),
                read(server.get("host"), Function.identity(), DEFAULT_HOST),
                read(server.get("port"), Integer::parseInt, DEFAULT_PORT),
                read(server.get("max-payload-size"), Long::parseLong, DEFAULT_MAX_PAYLOAD_BYTES),
                database,
                read(config.get("holdfast.log.format"), LogFormat::parse, LogFormat.TEXT),
                centralEndpoints(central),
                DeviceSettings.from(config.get("holdfast.devices")),
                DeskSettings.from(config.get("holdfast")),
                ResilienceSettings.from(config.get("holdfast")),
                SyncConfigReader.read(config.get("holdfast.sync")),
                ReturnsSettings.from(config.get("holdfast")),
                zone(config.get("holdfast")),
                read(store.get("personal-data-retention"), Duration::parse, PersonalDataPurge.DEFAULT_RETENTION));
    }

    /**
     * {@code holdfast.store.zone}, or the older {@code holdfast.returns.zone} where only that is set
     * (kept working for stores configured before the zone became store-wide).
     */
    private static ZoneId zone(Config holdfast) {
        Config zone = holdfast.get("store.zone").exists() ? holdfast.get("store.zone") : holdfast.get("returns.zone");
        return read(zone, text -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("must be a time zone like Europe/London", e);
            }
        }, DEFAULT_ZONE);
    }

    public GatewaySettings withListener(String host, int port) {
        return new GatewaySettings(storeId, host, port, maxPayloadBytes, database, logFormat, central, devices, desk,
                resilience, sync, returns, zone, personalDataRetention);
    }

    public GatewaySettings withDatabase(DatabaseSettings database) {
        return new GatewaySettings(storeId, host, port, maxPayloadBytes, database, logFormat, central, devices, desk,
                resilience, sync, returns, zone, personalDataRetention);
    }

    public GatewaySettings withCentral(CentralEndpoints central) {
        return new GatewaySettings(storeId, host, port, maxPayloadBytes, database, logFormat, central, devices, desk,
                resilience, sync, returns, zone, personalDataRetention);
    }

    public GatewaySettings withDevices(DeviceSettings devices) {
        return new GatewaySettings(storeId, host, port, maxPayloadBytes, database, logFormat, central, devices, desk,
                resilience, sync, returns, zone, personalDataRetention);
    }

    public GatewaySettings withDesk(DeskSettings desk) {
        return new GatewaySettings(storeId, host, port, maxPayloadBytes, database, logFormat, central, devices, desk,
                resilience, sync, returns, zone, personalDataRetention);
    }

    public GatewaySettings withSync(SyncConfig sync) {
        return new GatewaySettings(storeId, host, port, maxPayloadBytes, database, logFormat, central, devices, desk,
                resilience, sync, returns, zone, personalDataRetention);
    }

    public GatewaySettings withResilience(ResilienceSettings resilience) {
        return new GatewaySettings(storeId, host, port, maxPayloadBytes, database, logFormat, central, devices, desk,
                resilience, sync, returns, zone, personalDataRetention);
    }

    /** The same settings with another call budget for one capability. */
    public GatewaySettings withCallBudget(io.holdfast.mode.Capability capability, java.time.Duration budget) {
        return withResilience(resilience.withGuard(capability, resilience.guard(capability).withCallBudget(budget)));
    }

    public GatewaySettings withReturns(ReturnsSettings returns) {
        return new GatewaySettings(storeId, host, port, maxPayloadBytes, database, logFormat, central, devices, desk,
                resilience, sync, returns, zone, personalDataRetention);
    }

    public GatewaySettings withZone(ZoneId zone) {
        return new GatewaySettings(storeId, host, port, maxPayloadBytes, database, logFormat, central, devices, desk,
                resilience, sync, returns, zone, personalDataRetention);
    }

    public GatewaySettings withPersonalDataRetention(Duration personalDataRetention) {
        return new GatewaySettings(storeId, host, port, maxPayloadBytes, database, logFormat, central, devices, desk,
                resilience, sync, returns, zone, personalDataRetention);
    }

    public GatewaySettings withStoreId(String storeId) {
        return new GatewaySettings(storeId, host, port, maxPayloadBytes, database, logFormat, central, devices, desk,
                resilience, sync, returns, zone, personalDataRetention);
    }

    /** Defaults: the central simulator's ports, 8091 to 8095 in capability order. */
    private static CentralEndpoints centralEndpoints(Config central) {
        java.util.Map<io.holdfast.mode.Capability, URI> urls = new java.util.EnumMap<>(io.holdfast.mode.Capability.class);
        int port = 8091;
        for (io.holdfast.mode.Capability capability : new io.holdfast.mode.Capability[]{
                io.holdfast.mode.Capability.ORDERS, io.holdfast.mode.Capability.GIFT_CARDS,
                io.holdfast.mode.Capability.REFUNDS, io.holdfast.mode.Capability.PAYMENTS,
                io.holdfast.mode.Capability.LOYALTY}) {
            urls.put(capability, read(central.get(CentralEndpoints.key(capability) + "-url"), URI::create,
                    URI.create("http://localhost:" + port++)));
        }
        return new CentralEndpoints(urls);
    }

    private static <T> T read(Config node, Function<String, T> parse, T fallback) {
        if (!node.exists()) {
            return fallback;
        }
        String text = node.asString().get();
        try {
            return parse.apply(text.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(node.key() + " could not be read from '" + text + "': " + e.getMessage(), e);
        }
    }
}
