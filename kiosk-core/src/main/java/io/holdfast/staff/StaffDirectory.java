package io.holdfast.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.holdfast.store.Database;
import io.holdfast.store.Hashes;
import io.holdfast.store.Timestamps;

/**
 * Who may sign in, and the sessions they hold. Staff sign in with an id and a PIN; kiosks and tills
 * with a device token from configuration. Tokens are random and kept only as SHA-256 hashes.
 */
public final class StaffDirectory {

    private static final Pattern PIN = Pattern.compile("\\d{4,8}");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when the staff id is unknown, so a wrong id takes as long as a wrong PIN. */
    private static final String DECOY = PinHasher.hash("0000");

    private final Database database;
    private final SignInPolicy policy;
    private final Map<String, DeviceCredential> devices;
    private final Clock clock;
    /**
     * Sessions already read, by token hash: every desk request checks its session, and the answer
     * only changes when the session ends (here) or expires (checked on every use). Bounded: emptied
     * when it grows past {@link #CACHED_SESSIONS}.
     */
    private final Map<String, Session> known = new ConcurrentHashMap<>();
    /** Counts sign-outs, so a lookup that read a session just before it ended does not cache it. */
    private final AtomicLong endings = new AtomicLong();
    private static final int CACHED_SESSIONS = 10_000;

    /** @param devices device id to its role and the SHA-256 of its token */
    public StaffDirectory(Database database, SignInPolicy policy, Map<String, DeviceCredential> devices, Clock clock) {
        this.database = database;
        this.policy = policy;
        this.devices = Map.copyOf(devices);
        this.clock = clock;
    }

    /** Adds a colleague or changes their name, role or PIN; clears any lockout. */
    public void provision(String staffId, String displayName, Role role, String pin) {
        Objects.requireNonNull(staffId, "staff id");
        if (!role.isStaff()) {
            throw new IllegalArgumentException("staff must be a colleague or a supervisor, not " + role);
        }
        if (!PIN.matcher(pin).matches()) {
            throw new IllegalArgumentException("a PIN must be 4 to 8 digits");
        }
        String hash = PinHasher.hash(pin);
        database.inTransaction("provision staff " + staffId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO staff (staff_id, display_name, role, pin_hash) VALUES (?, ?, ?, ?)
                    ON CONFLICT (staff_id) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
                        pin_hash = excluded.pin_hash, failed_attempts = 0, locked_until = NULL""")) {
                statement.setString(1, staffId);
                statement.setString(2, displayName);
                statement.setString(3, role.name());
                statement.setString(4, hash);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Signs a colleague in. Each try is claimed before its PIN is checked, in one statement inside
     * the write transaction that also tests the lock, so parallel wrong PINs cannot slip past the
     * count: the {@code maxFailures}-th wrong one locks the account and every try after it is
     * refused unchecked until the lock ends.
     */
    public SignInOutcome signIn(String staffId, String pin) {
        Instant now = clock.instant();
        Claim claim = database.inTransaction("claim a sign-in try for " + staffId, c -> claim(c, staffId, now));
        if (claim.lockedUntil().isPresent()) {
            return new SignInOutcome.Locked(claim.lockedUntil().get());
        }
        boolean correct = PinHasher.matches(pin, claim.staff().map(StaffRow::pinHash).orElse(DECOY));
        if (claim.staff().isEmpty()) {
            return new SignInOutcome.WrongCredentials(policy.maxFailures());
        }
        StaffRow staff = claim.staff().get();
        return database.inTransaction("sign in " + staffId, connection -> {
            if (!correct) {
                return failed(connection, staff, claim.tries(), now);
            }
            try (PreparedStatement reset = connection.prepareStatement(
                    "UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE staff_id = ?")) {
                reset.setString(1, staffId);
                reset.executeUpdate();
            }
            return open(connection, staffId, staff.role(), staff.displayName(), now.plus(policy.staffSession()), now);
        });
    }

    /** A try at signing in, counted: the staff row, how many tries in a row this is, and a lock that refuses it. */
    private record Claim(Optional<StaffRow> staff, int tries, Optional<Instant> lockedUntil) {
    }

    private Claim claim(Connection connection, String staffId, Instant now) throws SQLException {
        Optional<StaffRow> staff = staff(connection, staffId);
        if (staff.isEmpty()) {
            return new Claim(staff, 0, Optional.empty());
        }
        Optional<Instant> locked = staff.get().lockedUntil().filter(now::isBefore);
        if (locked.isPresent()) {
            return new Claim(staff, 0, locked);
        }
        try (PreparedStatement count = connection.prepareStatement("""
                UPDATE staff SET failed_attempts = failed_attempts + 1, locked_until = NULL WHERE staff_id = ?
                RETURNING failed_attempts""")) {
            count.setString(1, staffId);
            int tries;
            try (ResultSet row = count.executeQuery()) {
                row.next();
                tries = row.getInt(1);
            }
            if (tries <= policy.maxFailures()) {
                return new Claim(staff, tries, Optional.empty());
            }
        }
        // More tries in flight than the account allows: lock it now, before any of them is checked.
        Instant until = now.plus(policy.lockout());
        try (PreparedStatement lock = connection.prepareStatement(
                "UPDATE staff SET failed_attempts = 0, locked_until = ? WHERE staff_id = ?")) {
            lock.setString(1, Timestamps.format(until));
            lock.setString(2, staffId);
            lock.executeUpdate();
        }
        return new Claim(staff, 0, Optional.of(until));
    }

    /** A kiosk or a till signs in with its configured device token, and gets its device's role. */
    public SignInOutcome signInDevice(String deviceId, String token) {
        DeviceCredential device = devices.get(deviceId);
        if (device == null || !MessageDigest.isEqual(device.tokenSha256().getBytes(StandardCharsets.US_ASCII),
                sha256(token).getBytes(StandardCharsets.US_ASCII))) {
            return new SignInOutcome.WrongCredentials(policy.maxFailures());
        }
        Instant now = clock.instant();
        return database.inTransaction("sign in device " + deviceId, connection ->
                open(connection, deviceId, device.role(), deviceId, now.plus(policy.kioskSession()), now));
    }

    /** The live session for a bearer token, if there is one. */
    public Optional<Session> session(String token) {
        Instant now = clock.instant();
        String hash = sha256(token);
        Session cached = known.get(hash);
        if (cached != null) {
            if (now.isBefore(cached.expiresAt())) {
                return Optional.of(cached);
            }
            known.remove(hash);
            return Optional.empty();
        }
        long seen = endings.get();
        Optional<Session> found = stored(hash, now);
        found.ifPresent(session -> {
            if (known.size() >= CACHED_SESSIONS) {
                known.clear();
            }
            known.put(hash, session);
            if (endings.get() != seen) {
                known.remove(hash);
            }
        });
        return found;
    }

    private Optional<Session> stored(String hash, Instant now) {
        return database.read("find a session", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT principal, role, expires_at FROM sessions WHERE token_hash = ?")) {
                statement.setString(1, hash);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Session session = new Session(row.getString(1), Role.valueOf(row.getString(2)),
                            Instant.parse(row.getString(3)));
                    return now.isBefore(session.expiresAt()) ? Optional.of(session) : Optional.empty();
                }
            }
        });
    }

    /** Every colleague's name by staff id, for pages that show who did what. */
    public Map<String, String> displayNames() {
        return database.read("read staff names", connection -> {
            Map<String, String> names = new java.util.HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT staff_id, display_name FROM staff");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getString(1), rows.getString(2));
                }
            }
            return names;
        });
    }

    /** Ends a session (sign out). */
    public void end(String token) {
        String hash = sha256(token);
        database.inTransaction("sign out", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                statement.setString(1, hash);
                return statement.executeUpdate();
            }
        });
        endings.incrementAndGet();
        known.remove(hash);
    }

    public static String sha256(String text) {
        return Hashes.sha256Hex(text);
    }

    /** A wrong PIN on the {@code tries}-th try in a row: already counted; the last allowed one locks the account. */
    private SignInOutcome failed(Connection connection, StaffRow staff, int tries, Instant now) throws SQLException {
        if (tries < policy.maxFailures()) {
            return new SignInOutcome.WrongCredentials(policy.maxFailures() - tries);
        }
        Instant until = now.plus(policy.lockout());
        try (PreparedStatement lock = connection.prepareStatement(
                "UPDATE staff SET failed_attempts = 0, locked_until = ? WHERE staff_id = ? AND locked_until IS NULL")) {
            lock.setString(1, Timestamps.format(until));
            lock.setString(2, staff.staffId());
            lock.executeUpdate();
        }
        return new SignInOutcome.Locked(until);
    }

    private static SignInOutcome open(Connection connection, String principal, Role role, String displayName,
                                      Instant expires, Instant now) throws SQLException {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try (PreparedStatement purge = connection.prepareStatement("DELETE FROM sessions WHERE expires_at < ?");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO sessions (token_hash, principal, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            purge.setString(1, Timestamps.format(now));
            purge.executeUpdate();
            insert.setString(1, sha256(token));
            insert.setString(2, principal);
            insert.setString(3, role.name());
            insert.setString(4, Timestamps.format(now));
            insert.setString(5, Timestamps.format(expires));
            insert.executeUpdate();
        }
        return new SignInOutcome.SignedIn(token, new Session(principal, role, expires), displayName);
    }

    private record StaffRow(String staffId, String displayName, Role role, String pinHash, int failedAttempts,
                            Optional<Instant> lockedUntil) {
    }

    private static Optional<StaffRow> staff(Connection connection, String staffId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT display_name, role, pin_hash, failed_attempts, locked_until FROM staff WHERE staff_id = ?")) {
            statement.setString(1, staffId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StaffRow(staffId, row.getString(1), Role.valueOf(row.getString(2)),
                        row.getString(3), row.getInt(4), Optional.ofNullable(row.getString(5)).map(Instant::parse)));
            }
        }
    }
}
