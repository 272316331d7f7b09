package io.holdfast.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.helidon.config.Config;

/**
 * What returns need beyond the policy (which is data from central): the gift-card key that
 * fingerprints store-credit cards, the e-receipt keys, how long an idle kiosk keeps a customer's
 * screen, and how often owed refunds are retried once REFUNDS is online. The store's time zone,
 * once {@code holdfast.returns.zone}, is store-wide now: {@link GatewaySettings#zone()}.
 *
 * @param giftCardKey        Base64 HMAC key, at least 32 bytes ({@code holdfast.gift-cards.key}); without it no store credit
 * @param receiptSigningKey  this store's Ed25519 key file, {@code ID.key} beside {@code ID.pub} ({@code ./holdfast sign --keygen})
 * @param trustedReceiptKeys key id to Base64 X.509 Ed25519 public key: other stores' and central's
 */
public record ReturnsSettings(Optional<byte[]> giftCardKey, Optional<Path> receiptSigningKey,
                              Map<String, String> trustedReceiptKeys, Duration kioskIdleTimeout,
                              Duration refundRetry) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_REFUND_RETRY = Duration.ofSeconds(30);

    public ReturnsSettings {
        giftCardKey = giftCardKey.map(byte[]::clone);
        if (giftCardKey.isPresent() && giftCardKey.get().length < 32) {
            throw new IllegalArgumentException("holdfast.gift-cards.key must be at least 32 bytes of Base64, but had "
                    + giftCardKey.get().length);
        }
        Objects.requireNonNull(receiptSigningKey, "receipt signing key");
        trustedReceiptKeys = Map.copyOf(trustedReceiptKeys);
        if (kioskIdleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("holdfast.returns.kiosk-idle-timeout must be at least 1 s, but was "
                    + kioskIdleTimeout);
        }
        if (refundRetry.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("holdfast.returns.refund-retry must be at least 1 s, but was " + refundRetry);
        }
    }

    public static ReturnsSettings defaults() {
        return new ReturnsSettings(Optional.empty(), Optional.empty(), Map.of(), DEFAULT_IDLE_TIMEOUT,
                DEFAULT_REFUND_RETRY);
    }

    static ReturnsSettings from(Config holdfast) {
        Optional<byte[]> key = holdfast.get("gift-cards.key").asString().asOptional().filter(text -> !text.isBlank())
                .map(ReturnsSettings::base64);
        Config receipts = holdfast.get("receipts");
        Map<String, String> trusted = ConfiguredKeys.read(receipts.get("trusted-keys"));
        Config returns = holdfast.get("returns");
        return new ReturnsSettings(key, receipts.get("signing-key").asString().asOptional()
                .filter(text -> !text.isBlank()).map(Path::of), trusted,
                returns.get("kiosk-idle-timeout").as(Duration.class).orElse(DEFAULT_IDLE_TIMEOUT),
                returns.get("refund-retry").as(Duration.class).orElse(DEFAULT_REFUND_RETRY));
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("holdfast.gift-cards.key must be Base64", e);
        }
    }

    public ReturnsSettings withGiftCardKey(byte[] key) {
        return new ReturnsSettings(Optional.of(key), receiptSigningKey, trustedReceiptKeys, kioskIdleTimeout,
                refundRetry);
    }

    public ReturnsSettings withReceiptSigningKey(Path keyFile) {
        return new ReturnsSettings(giftCardKey, Optional.of(keyFile), trustedReceiptKeys, kioskIdleTimeout,
                refundRetry);
    }

    public ReturnsSettings withRefundRetry(Duration retry) {
        return new ReturnsSettings(giftCardKey, receiptSigningKey, trustedReceiptKeys, kioskIdleTimeout, retry);
    }

    public ReturnsSettings withKioskIdleTimeout(Duration timeout) {
        return new ReturnsSettings(giftCardKey, receiptSigningKey, trustedReceiptKeys, timeout, refundRetry);
    }
}
