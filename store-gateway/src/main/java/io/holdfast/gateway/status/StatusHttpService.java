package io.holdfast.gateway.status;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.central.CentralGuards;
import io.holdfast.gateway.giftcard.GiftCardStatus;
import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.update.StoreUpdater;
import io.holdfast.budget.OfflineBudgets;
import io.holdfast.mode.Audience;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.CapabilityStatus;
import io.holdfast.mode.ModeBoard;
import io.holdfast.mode.Notices;
import io.holdfast.mode.StoreMode;
import io.holdfast.money.Money;
import io.holdfast.outbox.Outbox;
import io.holdfast.returns.RefundPayments;
import io.holdfast.returns.ReturnsDesk;
import io.holdfast.returns.ReturnsPolicy;
import io.holdfast.staff.StaffDirectory;
import io.holdfast.sync.RelayStatus;
import io.holdfast.sync.ResyncProgress;
import io.holdfast.sync.StoreSync;

/**
 * {@code GET /api/v1/status}: what works right now, in words for customers and colleagues, each
 * capability's state since when and why, its breaker's figures and last answer from central, the
 * outbox backlog, and the latest transitions, with the store's time now (the page counts "ago"
 * from it, not from the browser's clock). Public: nothing in it is personal.
 */
public final class StatusHttpService implements HttpService {

    private final String storeId;
    private final ModeBoard board;
    private final Notices notices;
    private final CentralGuards guards;
    private final Outbox outbox;
    private final StoreSync sync;
    private final ReturnsDesk returns;
    private final RefundPayments refunds;
    private final GiftCardStatus giftCards;
    private final StaffDirectory staff;
    private final StoreUpdater updater;
    private final OfflineBudgets budgets;
    private final java.time.ZoneId zone;
    private final Clock clock;

    public StatusHttpService(String storeId, ModeBoard board, Notices notices, CentralGuards guards, Outbox outbox,
                             StoreSync sync, ReturnsDesk returns, RefundPayments refunds, GiftCardStatus giftCards,
                             StaffDirectory staff, StoreUpdater updater, OfflineBudgets budgets, java.time.ZoneId zone,
                             Clock clock) {
        this.staff = staff;
        this.budgets = budgets;
        this.updater = updater;
        this.zone = zone;
        this.giftCards = giftCards;
        this.clock = clock;
        this.sync = sync;
        this.returns = returns;
        this.refunds = refunds;
        this.storeId = storeId;
        this.board = board;
        this.notices = notices;
        this.guards = guards;
        this.outbox = outbox;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::status);
    }

    private void status(ServerRequest request, ServerResponse response) {
        Map<Capability, Long> backlog = outbox.backlog();
        Map<String, Object> capabilities = new LinkedHashMap<>();
        StringBuilder customer = new StringBuilder();
        for (CapabilityStatus status : board.all()) {
            Capability capability = status.capability();
            String customerText = notices.text(capability, status.state(), Audience.CUSTOMER);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("state", status.state().name());
            view.put("since", status.since().toString());
            view.put("reason", status.reason());
            view.put("isolatedBy", status.isolatedBy().map(Enum::name).orElse(null));
            view.put("customerMessage", customerText);
            view.put("colleagueMessage", notices.text(capability, status.state(), Audience.COLLEAGUE));
            view.put("backlog", backlog.get(capability));
            view.put("central", guards.guard(capability).figures());
            view.put("offlineBudget", BudgetView.of(budgets.standing(capability)));
            capabilities.put(capability.name(), view);
            if (status.state() != CapabilityState.ONLINE) {
                customer.append(customer.isEmpty() ? "" : " ").append(customerText);
            }
        }
        StoreMode mode = board.storeMode();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("store", storeId);
        body.put("now", clock.instant().toString());
        body.put("zone", zone.getId());
        body.put("mode", mode.name());
        body.put("customerMessage", mode == StoreMode.NORMAL ? "All our services are available." : customer.toString());
        body.put("capabilities", capabilities);
        body.put("backlog", new EnumMap<>(backlog));
        body.put("sync", syncView());
        body.put("refunds", refundsView());
        body.put("giftCards", giftCards.view());
        body.put("update", updater.report());
        Map<String, String> names = staff.displayNames();
        body.put("transitions", board.recentTransitions().stream().limit(20).map(t -> Map.of(
                "capability", t.capability().name(), "from", t.from().name(), "to", t.to().name(),
                "at", t.at().toString(), "actor", t.actor(), "actorName", actorName(t.actor(), names),
                "reason", t.reason())).toList());
        Json.send(response, Status.OK_200, body);
    }

    /** Who made a change, as a person reads it: a colleague's name, or what the system actor is. */
    private static String actorName(String actor, Map<String, String> names) {
        return switch (actor) {
            case ModeBoard.GATEWAY -> "the gateway, on its own";
            case "regional-it" -> "regional IT";
            default -> names.getOrDefault(actor, actor);
        };
    }

    /** Offline refund exposure today against the store's cap, and refunds still owed to customers. */
    private Map<String, Object> refundsView() {
        ReturnsPolicy policy = returns.policy();
        Money cap = policy.limits().storeDailyOffline();
        Money exposure = returns.exposureToday(cap.currency().getCurrencyCode());
        RefundPayments.Owed owed = refunds.owed();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("policyVersion", policy.version());
        view.put("offlineExposureToday", exposure);
        view.put("offlineExposureCap", cap);
        view.put("offlineExposurePercent", Math.round(exposure.amount() * 1000.0 / cap.amount()) / 10.0);
        view.put("due", owed.count());
        view.put("dueAmount", owed.totals().stream().filter(total -> total.currency().equals(cap.currency()))
                .findFirst().orElse(Money.zero(cap.currency())));
        view.put("oldestDue", owed.oldest().map(Object::toString).orElse(null));
        return view;
    }

    /** The resync: how much waits, how fast it goes, how long is left, and whether central is reachable. */
    private Map<String, Object> syncView() {
        ResyncProgress progress = sync.progress();
        Map<String, Object> view = new LinkedHashMap<>();
        Optional<RelayStatus> relayStatus = sync.relay();
        view.put("configured", relayStatus.isPresent());
        view.put("connected", relayStatus.map(RelayStatus::connected).orElse(false));
        view.put("draining", progress.draining());
        view.put("outboxFull", Math.round(sync.outboxUsage().fraction() * 1000) / 10.0);
        view.put("outboxAlarm", sync.outboxUsage().alarm());
        view.put("peak", progress.peak());
        view.put("eventsPerSecond", Math.round(progress.eventsPerSecond() * 10) / 10.0);
        view.put("secondsLeft", progress.timeLeft().map(java.time.Duration::toSeconds).orElse(null));
        view.put("policyVersion", sync.policyVersion());
        view.put("streams", sync.streams().stream().map(position -> Map.of("stream", position.stream(),
                "generation", position.generation(), "sequence", position.sequence(),
                "chunksDone", position.chunksDone(), "chunksTotal", position.chunksTotal(),
                "complete", position.complete(), "updatedAt", position.updatedAt().toString())).toList());
        relayStatus.ifPresent(relay -> {
            view.put("rateLimit", relay.eventsPerSecond());
            view.put("lastContact", relay.lastContact().map(Object::toString).orElse(null));
            view.put("refused", relay.refusedBecause().orElse(null));
            view.put("startsAt", relay.holdingUntil().map(Object::toString).orElse(null));
        });
        return view;
    }
}
