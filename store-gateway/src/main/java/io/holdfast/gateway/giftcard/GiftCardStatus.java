package io.holdfast.gateway.giftcard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;

import io.holdfast.exceptions.ExceptionKind;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.giftcard.GiftCardDesk;

/**
 * Gift cards on the status page and in metrics: offline exposure today against the store's cap
 * ({@code holdfast_giftcard_offline_exposure_minor}, {@code holdfast_giftcard_offline_cap_minor}), and
 * the overdrawn cards central reported, until the manager resolves them.
 */
public final class GiftCardStatus implements AutoCloseable {

    private final Optional<GiftCardDesk> desk;
    private final ManagerExceptions exceptions;
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<Meter> meters = new ArrayList<>();

    public GiftCardStatus(Optional<GiftCardDesk> desk, ManagerExceptions exceptions) {
        this.desk = desk;
        this.exceptions = exceptions;
        desk.ifPresent(cards -> {
            meters.add(registry.getOrCreate(Gauge.builder("holdfast_giftcard_offline_exposure_minor",
                    () -> cards.exposureToday().today().amount())
                    .description("gift-card value redeemed offline today, in minor units")));
            meters.add(registry.getOrCreate(Gauge.builder("holdfast_giftcard_offline_cap_minor",
                    () -> cards.policy().storeDailyOffline().amount())
                    .description("the store's daily cap on offline gift-card redemptions, in minor units")));
        });
    }

    /** The status API's {@code giftCards} section. */
    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("configured", desk.isPresent());
        desk.ifPresent(cards -> {
            GiftCardDesk.Exposure exposure = cards.exposureToday();
            view.put("policyVersion", cards.policy().version());
            view.put("offlineExposureToday", exposure.today());
            view.put("offlineExposureCap", exposure.cap());
            view.put("offlineExposurePercent", exposure.cap().amount() == 0 ? 100.0
                    : Math.round(exposure.today().amount() * 1000.0 / exposure.cap().amount()) / 10.0);
        });
        view.put("overdrawn", exceptions.open(ExceptionKind.GIFT_CARD_OVERDRAWN).stream()
                .map(e -> Map.of("exceptionId", e.exceptionId(), "redemptionId", e.aggregateId(), "detail", e.detail(),
                        "raisedAt", e.raisedAt().toString()))
                .toList());
        return view;
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
