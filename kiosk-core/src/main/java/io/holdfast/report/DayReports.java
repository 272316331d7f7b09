package io.holdfast.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.holdfast.exceptions.ExceptionKind;
import io.holdfast.giftcard.GiftCardPolicy;
import io.holdfast.mode.Capability;
import io.holdfast.money.Money;
import io.holdfast.report.DayReport.Backlog;
import io.holdfast.report.DayReport.Exceptions;
import io.holdfast.report.DayReport.GiftCardExposure;
import io.holdfast.report.DayReport.HandOvers;
import io.holdfast.report.DayReport.LoyaltyReceipts;
import io.holdfast.report.DayReport.OfflineWork;
import io.holdfast.report.DayReport.ReturnsByMethod;
import io.holdfast.report.DayReport.Tally;
import io.holdfast.returns.RefundMethod;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * Makes a store-day's report from the store's own tables, in one read transaction, so its figures
 * agree with each other and with the rows behind them: nothing is counted as it happens. Amounts
 * are in the store's currency (the gift-card policy's); a store trades in one.
 */
public final class DayReports {

    /** Asking for a day that has not begun yet. */
    public static final class FutureDayException extends IllegalArgumentException {
        FutureDayException(LocalDate day, LocalDate today) {
            super(day + " has not begun yet in the store's zone (today is " + today + ")");
        }
    }

    private final String storeId;
    private final Database database;
    private final Supplier<GiftCardPolicy> giftCardPolicy;
    private final DaySignOffs signOffs;
    private final Clock clock;
    private final ZoneId zone;

    public DayReports(String storeId, Database database, Supplier<GiftCardPolicy> giftCardPolicy, Clock clock,
                      ZoneId zone) {
        this.storeId = storeId;
        this.database = database;
        this.giftCardPolicy = giftCardPolicy;
        this.signOffs = new DaySignOffs(database, clock, zone);
        this.clock = clock;
        this.zone = zone;
    }

    public DaySignOffs signOffs() {
        return signOffs;
    }

    /** The store's today, in its zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The report of {@code day}; today's runs to now. */
    public DayReport report(LocalDate day) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        if (day.isAfter(today)) {
            throw new FutureDayException(day, today);
        }
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.equals(today) ? now : day.plusDays(1).atStartOfDay(zone).toInstant();
        GiftCardPolicy policy = giftCardPolicy.get();
        Window window = new Window(Timestamps.format(from), Timestamps.format(to), policy.currency());
        return database.read("make the report of " + day, connection -> new DayReport(storeId, day, zone, from, to, now,
                DayTimelines.read(connection, from, to),
                offlineWork(connection, window, policy),
                backlog(connection, now),
                exceptions(connection, window),
                DaySignOffs.find(connection, day)));
    }

    /** The day's bounds as stored text, and the currency amounts are counted in. */
    private record Window(String from, String to, Currency currency) {
        Money money(long minor) {
            return new Money(minor, currency);
        }
    }

    private static OfflineWork offlineWork(Connection connection, Window window, GiftCardPolicy policy)
            throws SQLException {
        return new OfflineWork(handOvers(connection, window), returns(connection, window),
                tally(connection, window, """
                        SELECT count(*), coalesce(sum(amount_minor), 0) FROM returns
                        WHERE returned_at >= ? AND returned_at < ? AND currency = ? AND refund_method = 'STORE_CREDIT'"""),
                refundsOwed(connection, window),
                tally(connection, window, """
                        SELECT count(*), coalesce(sum(amount_minor), 0) FROM refunds
                        WHERE state = 'DUE' AND created_at >= ? AND created_at < ? AND currency = ?"""),
                giftCards(connection, window, policy),
                loyalty(connection, window));
    }

    /** Every refund still owed, whatever day it was promised: what the store owes customers as the report is made. */
    private static Tally refundsOwed(Connection connection, Window window) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT count(*), coalesce(sum(amount_minor), 0) FROM refunds WHERE state = 'DUE' AND currency = ?")) {
            select.setString(1, window.currency().getCurrencyCode());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Tally(row.getLong(1), window.money(row.getLong(2)));
            }
        }
    }

    private static HandOvers handOvers(Connection connection, Window window) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT coalesce(sum(offline = 0), 0), coalesce(sum(offline = 1), 0) FROM collections
                WHERE collected_at >= ? AND collected_at < ?""")) {
            select.setString(1, window.from());
            select.setString(2, window.to());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new HandOvers(row.getLong(1), row.getLong(2));
            }
        }
    }

    private static List<ReturnsByMethod> returns(Connection connection, Window window) throws SQLException {
        Map<RefundMethod, ReturnsByMethod> byMethod = new EnumMap<>(RefundMethod.class);
        Tally none = new Tally(0, window.money(0));
        for (RefundMethod method : RefundMethod.values()) {
            byMethod.put(method, new ReturnsByMethod(method, none, none));
        }
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT refund_method, count(*), sum(amount_minor), sum(offline), sum(CASE WHEN offline = 1 THEN amount_minor ELSE 0 END)
                FROM returns WHERE returned_at >= ? AND returned_at < ? AND currency = ? GROUP BY refund_method""")) {
            bind(select, window);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    RefundMethod method = RefundMethod.valueOf(rows.getString(1));
                    byMethod.put(method, new ReturnsByMethod(method, new Tally(rows.getLong(2), window.money(rows.getLong(3))),
                            new Tally(rows.getLong(4), window.money(rows.getLong(5)))));
                }
            }
        }
        return List.copyOf(byMethod.values());
    }

    private static GiftCardExposure giftCards(Connection connection, Window window, GiftCardPolicy policy)
            throws SQLException {
        long count = 0;
        long total = 0;
        long busiest = 0;
        long atCap = 0;
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT count(*), sum(amount_minor) FROM gift_card_redemptions
                WHERE mode = 'OFFLINE' AND state <> 'VOIDED' AND authorised_at >= ? AND authorised_at < ? AND currency = ?
                GROUP BY card_fingerprint""")) {
            bind(select, window);
            try (ResultSet cards = select.executeQuery()) {
                while (cards.next()) {
                    count += cards.getLong(1);
                    long spent = cards.getLong(2);
                    total += spent;
                    busiest = Math.max(busiest, spent);
                    atCap += spent >= policy.perCardDailyOffline().amount() ? 1 : 0;
                }
            }
        }
        Tally overdrawn = tally(connection, window, """
                SELECT count(*), coalesce(sum(amount_minor), 0) FROM gift_card_redemptions
                WHERE mode = 'OFFLINE' AND verdict = 'OVERDRAWN' AND authorised_at >= ? AND authorised_at < ? AND currency = ?""");
        return new GiftCardExposure(new Tally(count, window.money(total)), policy.storeDailyOffline(),
                window.money(busiest), policy.perCardDailyOffline(), atCap, overdrawn);
    }

    private static LoyaltyReceipts loyalty(Connection connection, Window window) throws SQLException {
        long issued = count(connection, window, """
                SELECT count(*) FROM receipts WHERE loyalty_id IS NOT NULL AND issued_at >= ? AND issued_at < ?""");
        long queued = count(connection, window, """
                SELECT count(*) FROM outbox_events
                WHERE capability = 'LOYALTY' AND state <> 'ACKNOWLEDGED' AND occurred_at >= ? AND occurred_at < ?""");
        return new LoyaltyReceipts(issued, queued);
    }

    private static List<Backlog> backlog(Connection connection, Instant now) throws SQLException {
        Map<Capability, Backlog> backlog = new EnumMap<>(Capability.class);
        for (Capability capability : Capability.values()) {
            backlog.put(capability, new Backlog(capability, 0, Optional.empty()));
        }
        try (var statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT capability, count(*), min(occurred_at) FROM outbox_events
                WHERE state <> 'ACKNOWLEDGED' GROUP BY capability""")) {
            while (rows.next()) {
                Capability capability = Capability.valueOf(rows.getString(1));
                Duration age = Duration.between(Timestamps.parse(rows.getString(3)), now);
                backlog.put(capability, new Backlog(capability, rows.getLong(2),
                        Optional.of(age.isNegative() ? Duration.ZERO : age)));
            }
        }
        return List.copyOf(backlog.values());
    }

    private static Exceptions exceptions(Connection connection, Window window) throws SQLException {
        Map<ExceptionKind, Long> opened = new EnumMap<>(ExceptionKind.class);
        for (ExceptionKind kind : ExceptionKind.values()) {
            opened.put(kind, 0L);
        }
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT kind, count(*) FROM store_exceptions WHERE raised_at >= ? AND raised_at < ? GROUP BY kind""")) {
            select.setString(1, window.from());
            select.setString(2, window.to());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    opened.put(ExceptionKind.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
        }
        long resolved = count(connection, window,
                "SELECT count(*) FROM store_exceptions WHERE resolved_at >= ? AND resolved_at < ?");
        long stillOpen;
        try (var statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM store_exceptions WHERE resolved_at IS NULL")) {
            row.next();
            stillOpen = row.getLong(1);
        }
        return new Exceptions(opened, resolved, stillOpen);
    }

    /** A count and a sum from {@code sql}, whose three parameters are the day's start, its end and the currency. */
    private static Tally tally(Connection connection, Window window, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, window);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Tally(row.getLong(1), window.money(row.getLong(2)));
            }
        }
    }

    /** A count from {@code sql}, whose two parameters are the day's start and its end. */
    private static long count(Connection connection, Window window, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, window.from());
            select.setString(2, window.to());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement select, Window window) throws SQLException {
        select.setString(1, window.from());
        select.setString(2, window.to());
        select.setString(3, window.currency().getCurrencyCode());
    }
}
