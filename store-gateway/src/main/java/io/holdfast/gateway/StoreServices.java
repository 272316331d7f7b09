package io.holdfast.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.holdfast.audit.AuditLog;
import io.holdfast.budget.OfflineBudgets;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.gateway.auth.Access;
import io.holdfast.gateway.central.CentralGuards;
import io.holdfast.gateway.central.CentralProbe;
import io.holdfast.gateway.central.HttpCentralGiftCards;
import io.holdfast.gateway.central.HttpCentralOrders;
import io.holdfast.gateway.central.HttpCentralRefunds;
import io.holdfast.gateway.central.ManifestStreamRows;
import io.holdfast.gateway.central.ManifestSync;
import io.holdfast.gateway.central.OnlineWatch;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.gateway.devices.StoreDevices;
import io.holdfast.gateway.giftcard.GiftCardStatus;
import io.holdfast.gateway.http.RequestTraffic;
import io.holdfast.gateway.mode.ContactlessFollowsPayments;
import io.holdfast.gateway.mode.ModeMetrics;
import io.holdfast.gateway.receipt.ReceiptKeys;
import io.holdfast.gateway.returns.KioskLanguages;
import io.holdfast.gateway.returns.KioskPolicy;
import io.holdfast.gateway.status.BudgetView;
import io.holdfast.gateway.sync.SyncMetrics;
import io.holdfast.gateway.update.ReleaseHealth;
import io.holdfast.gateway.update.StoreUpdater;
import io.holdfast.gateway.update.Updates;
import io.holdfast.giftcard.CardFingerprinter;
import io.holdfast.giftcard.GiftCardDesk;
import io.holdfast.giftcard.GiftCardPolicies;
import io.holdfast.giftcard.GiftCardReconciliation;
import io.holdfast.giftcard.SqliteGiftCardBalances;
import io.holdfast.giftcard.StoreCredit;
import io.holdfast.hardware.scan.ScanParser;
import io.holdfast.help.HelpCalls;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.ModeBoard;
import io.holdfast.mode.Notices;
import io.holdfast.order.CollectionDesk;
import io.holdfast.order.CollectionQr;
import io.holdfast.order.ManifestImport;
import io.holdfast.order.OrderExpiry;
import io.holdfast.order.OrderRepository;
import io.holdfast.order.OrderSearch;
import io.holdfast.order.SqliteOrderRepository;
import io.holdfast.outbox.Outbox;
import io.holdfast.policy.StorePolicies;
import io.holdfast.receipt.EReceipts;
import io.holdfast.receipt.ReceiptPosting;
import io.holdfast.returns.PurchaseFinder;
import io.holdfast.returns.RefundPayments;
import io.holdfast.privacy.PersonalDataPurge;
import io.holdfast.report.DayReports;
import io.holdfast.returns.ReturnsDesk;
import io.holdfast.returns.ReturnsPolicies;
import io.holdfast.staff.SignInPolicy;
import io.holdfast.staff.StaffDirectory;
import io.holdfast.store.Database;
import io.holdfast.sync.StoreSync;
import io.holdfast.sync.downstream.GiftCardBalanceRows;

/**
 * The store's use cases and their adapters, built by hand from the database, the devices and the
 * settings. Owns the background work: the manifest refresh, the probe of degraded capabilities and
 * the expiry runs with the retention purge (at start, at each midnight in the store's zone, and
 * hourly as a safety net).
 */
public final class StoreServices implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StoreServices.class.getName());
    /** The midnight run starts this long after midnight, so it sees the new day whatever the timer's rounding. */
    private static final long MIDNIGHT_MARGIN_MILLIS = 50;

    final GatewaySettings settings;
    final Clock clock;
    final Database database;
    final StoreDevices devices;
    final ScanParser scans = new ScanParser();
    final Outbox outbox;
    final AuditLog audit;
    final ModeBoard board;
    final Notices notices;
    final CentralGuards guards;
    final CentralProbe probe;
    final OnlineWatch watch;
    final OrderRepository orders;
    final OrderSearch search;
    final HttpCentralOrders centralOrders;
    final CollectionDesk desk;
    final OrderExpiry expiry;
    final ManifestSync manifest;
    final StaffDirectory staff;
    final ManagerExceptions exceptions;
    final HelpCalls helpCalls;
    final Optional<CollectionQr> collectionQr;
    final Access access;
    final ModeMetrics modeMetrics;
    final StoreSync sync;
    private SyncMetrics syncMetrics;
    final ReceiptPosting receipts;
    final EReceipts eReceipts;
    final RefundPayments refunds;
    final ReturnsDesk returns;
    final Optional<GiftCardDesk> giftCards;
    final GiftCardStatus giftCardStatus;
    final RequestTraffic traffic;
    final DayReports reports;
    final OfflineBudgets budgets;
    /** Removes customers' details past the retention: at start, each midnight and hourly, with the expiry run. */
    final PersonalDataPurge purge;
    final StoreUpdater updater;
    /** The kiosk's words in British English and Welsh, loaded once; the first language is the policy's. */
    final KioskLanguages kioskLanguages;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("store-timer").factory());

    StoreServices(GatewaySettings settings, Database database, StoreDevices devices, Clock clock, Updates updates) {
        this.settings = settings;
        this.clock = clock;
        this.database = database;
        this.devices = devices;
        this.outbox = new Outbox(database);
        this.audit = new AuditLog(database);
        this.board = new ModeBoard(database, clock, settings.resilience().minimumHold());
        this.notices = new Notices(database, clock);
        this.guards = new CentralGuards(settings.resilience(), board, clock);
        this.modeMetrics = new ModeMetrics(board, capability -> guards.guard(capability).refusedCalls());
        this.probe = new CentralProbe(settings.central(), guards, board, outbox);
        this.watch = new OnlineWatch(settings.central(), settings.resilience(), board, guards);
        new ContactlessFollowsPayments(devices.paymentTerminals().values(), board).applyNow();
        this.orders = new SqliteOrderRepository(database);
        this.search = settings.desk().collectionCodes().map(codes -> new OrderSearch(database, codes))
                .orElseGet(() -> new OrderSearch(database));
        this.centralOrders = new HttpCentralOrders(settings.central().orders(), settings.storeId(),
                guards.guard(Capability.ORDERS), guards.manifest(),
                settings.resilience().guard(Capability.ORDERS).callBudget());
        this.expiry = new OrderExpiry(database, outbox, clock, settings.zone());
        this.desk = new CollectionDesk(database, outbox, centralOrders, expiry, clock);
        this.manifest = new ManifestSync(centralOrders, new ManifestImport(database, clock, expiry));
        this.staff = new StaffDirectory(database, SignInPolicy.DEFAULT, settings.desk().devices(), clock);
        this.exceptions = new ManagerExceptions(database, outbox, clock);
        this.helpCalls = new HelpCalls(database, clock);
        this.collectionQr = settings.desk().centralSigningKey()
                .map(key -> new CollectionQr(key, settings.storeId(), clock));
        this.access = new Access(staff);
        this.sync = new StoreSync(settings.storeId(), settings.sync(), database, board, notices, outbox, audit,
                Map.of("manifest", new ManifestStreamRows(new ManifestImport(database, clock, expiry)),
                        "giftcards", new GiftCardBalanceRows(new SqliteGiftCardBalances(database))), clock);
        this.receipts = new ReceiptPosting(database, outbox);
        this.eReceipts = ReceiptKeys.eReceipts(settings.returns());
        this.refunds = new RefundPayments(database, outbox, new HttpCentralRefunds(settings.central().url(Capability.REFUNDS),
                settings.storeId(), guards.guard(Capability.REFUNDS),
                settings.resilience().guard(Capability.REFUNDS).callBudget()), clock);
        Optional<CardFingerprinter> fingerprinter = settings.returns().giftCardKey().map(CardFingerprinter::new);
        StorePolicies policies = new StorePolicies(database, clock);
        this.budgets = new OfflineBudgets(policies, board, database, clock);
        this.returns = new ReturnsDesk(database, outbox, new ReturnsPolicies(policies), board,
                new PurchaseFinder(database, eReceipts, centralOrders, clock), fingerprinter.map(StoreCredit::new),
                refunds, budgets, clock, settings.zone());
        this.giftCards = fingerprinter.map(cards -> new GiftCardDesk(database, outbox,
                new GiftCardPolicies(policies), board, budgets,
                new HttpCentralGiftCards(settings.central().url(Capability.GIFT_CARDS), settings.storeId(),
                        guards.guard(Capability.GIFT_CARDS),
                        settings.resilience().guard(Capability.GIFT_CARDS).callBudget()),
                cards, clock, settings.zone()));
        this.giftCardStatus = new GiftCardStatus(giftCards, exceptions);
        this.kioskLanguages = KioskPolicy.languages(policies);
        this.purge = new PersonalDataPurge(database, settings.personalDataRetention(), clock);
        this.reports = new DayReports(settings.storeId(), database, new GiftCardPolicies(policies)::inForce, clock,
                settings.zone());
        sync.onVerdicts(new GiftCardReconciliation(database, clock));
        this.traffic = new RequestTraffic(clock);
        ReleaseHealth health = new ReleaseHealth(database, orders, board, outbox, sync::relay, traffic,
                () -> database.answers() && !timer.isShutdown(), updates.settings().healthSoak(), clock);
        this.updater = new StoreUpdater(updates.settings(), settings.storeId(), settings.zone(), database, board, outbox,
                traffic, health, updates.supervision(), updates.handOver(), clock);
        sync.reportUpdates(updater::report);
        sync.reportOfflineBudgets(() -> BudgetView.offlineOnly(budgets.all()));
        board.addListener(transition -> {
            if (transition.capability() == Capability.REFUNDS && transition.to() == CapabilityState.ONLINE) {
                refunds.retryAllNow();
                timer.execute(this::payOwedRefunds);
            }
        });
    }

    /**
     * Starts the background work: the manifest now and then periodically, the probe, and expiry now,
     * at each midnight in the store's zone and hourly (in case the machine's clock was set while the
     * midnight run waited).
     */
    StoreServices start() {
        manifest.start(settings.desk().manifestRefresh());
        probe.start(settings.resilience().probeEvery());
        watch.start();
        sync.start();
        syncMetrics = new SyncMetrics(sync);
        updater.start();
        timer.scheduleWithFixedDelay(this::expireAndPurgeQuietly, 0, Duration.ofHours(1).toMinutes(), TimeUnit.MINUTES);
        expireAtMidnight();
        long retry = settings.returns().refundRetry().toMillis();
        timer.scheduleWithFixedDelay(this::payOwedRefunds, retry, retry, TimeUnit.MILLISECONDS);
        return this;
    }

    public StaffDirectory staff() {
        return staff;
    }

    public ManifestSync manifest() {
        return manifest;
    }

    public OrderExpiry expiry() {
        return expiry;
    }

    /** The mode board: regional IT's signed commands isolate and restore through it (sync issue). */
    public ModeBoard board() {
        return board;
    }

    public Outbox outbox() {
        return outbox;
    }

    public AuditLog audit() {
        return audit;
    }

    public StoreSync sync() {
        return sync;
    }

    /** The guards around every call to central, one per capability. */
    public CentralGuards guards() {
        return guards;
    }

    public CentralProbe probe() {
        return probe;
    }

    /** Refunds owed to customers are paid once REFUNDS is online again; central dedups by refund id. */
    private void payOwedRefunds() {
        if (board.status(Capability.REFUNDS).state() != CapabilityState.ONLINE || refunds.dueCount() == 0) {
            return;
        }
        try {
            RefundPayments.Run run = refunds.payDue(500);
            LOG.log(System.Logger.Level.INFO, "owed refunds: {0} paid, {1} declined, {2} still due{3}", run.paid(),
                    run.declined(), run.stillDue(), run.stoppedBecause().map(why -> " (" + why + ")").orElse(""));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "paying owed refunds failed; they stay due and are tried again", e);
        }
    }

    public StoreUpdater updater() {
        return updater;
    }

    public RefundPayments refunds() {
        return refunds;
    }

    public Optional<GiftCardDesk> giftCards() {
        return giftCards;
    }

    public ReturnsDesk returns() {
        return returns;
    }

    /** One run just after the store's next midnight, which schedules the one after. */
    private void expireAtMidnight() {
        long delay = expiry.untilNextMidnight().plusMillis(MIDNIGHT_MARGIN_MILLIS).toMillis();
        timer.schedule(() -> {
            expireAndPurgeQuietly();
            expireAtMidnight();
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void expireAndPurgeQuietly() {
        try {
            int expired = expiry.expireOverdue().size();
            if (expired > 0) {
                LOG.log(System.Logger.Level.INFO, "{0} orders passed their pickup-by date and wait to go back", expired);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "expiring overdue orders failed", e);
        }
        try {
            PersonalDataPurge.Plan purged = purge.purge("gateway");
            if (purged.total() > 0) {
                LOG.log(System.Logger.Level.INFO, "removed customers'' details kept longer than {0}: {1}",
                        settings.personalDataRetention(), purged);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "removing customers' details past their retention failed; tried again"
                    + " within the hour", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        updater.close();
        sync.close();
        if (syncMetrics != null) {
            syncMetrics.close();
        }
        watch.close();
        probe.close();
        manifest.close();
        guards.close();
        modeMetrics.close();
        giftCardStatus.close();
    }
}
