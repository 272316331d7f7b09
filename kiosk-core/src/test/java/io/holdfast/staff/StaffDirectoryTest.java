package io.holdfast.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.SteppingClock;

class StaffDirectoryTest {

    @TempDir
    Path folder;
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-21T08:00:00Z"));
    private Database database;
    private StaffDirectory staff;

    @BeforeEach
    void openStore() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        staff = new StaffDirectory(database, SignInPolicy.DEFAULT,
                Map.of("kiosk-1", new DeviceCredential(Role.KIOSK, StaffDirectory.sha256("kiosk-secret")),
                        "till-1", new DeviceCredential(Role.TILL, StaffDirectory.sha256("till-secret"))), clock);
        staff.provision("S1001", "Priya", Role.COLLEAGUE, "2468");
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void aColleagueSignsInAndTheSessionLastsAShift() {
        SignInOutcome.SignedIn signedIn = (SignInOutcome.SignedIn) staff.signIn("S1001", "2468");

        assertThat(signedIn.displayName()).isEqualTo("Priya");
        assertThat(staff.session(signedIn.token())).contains(new Session("S1001", Role.COLLEAGUE,
                clock.instant().plus(Duration.ofHours(10))));
        clock.advance(Duration.ofHours(10));
        assertThat(staff.session(signedIn.token())).as("expired").isEmpty();
    }

    @Test
    void aWrongPinSaysHowManyTriesAreLeftThenLocksTheAccount() {
        assertThat(staff.signIn("S1001", "1111")).isEqualTo(new SignInOutcome.WrongCredentials(4));
        for (int i = 0; i < 3; i++) {
            staff.signIn("S1001", "1111");
        }

        assertThat(staff.signIn("S1001", "1111"))
                .isEqualTo(new SignInOutcome.Locked(clock.instant().plus(Duration.ofMinutes(15))));
        assertThat(staff.signIn("S1001", "2468")).as("even the right PIN waits").isInstanceOf(SignInOutcome.Locked.class);

        clock.advance(Duration.ofMinutes(15));
        assertThat(staff.signIn("S1001", "2468")).isInstanceOf(SignInOutcome.SignedIn.class);
    }

    @Test
    void fiveHundredWrongPinsAtOnceGetFiveGuessesBeforeTheLock() throws Exception {
        List<Future<SignInOutcome>> answers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService desks = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 500; i++) {
                String guess = "%04d".formatted(1000 + i);
                answers.add(desks.submit(() -> {
                    go.await();
                    return staff.signIn("S1001", guess);
                }));
            }
            go.countDown();
            int wrong = 0;
            int locked = 0;
            for (Future<SignInOutcome> answer : answers) {
                switch (answer.get()) {
                    case SignInOutcome.WrongCredentials ignored -> wrong++;
                    case SignInOutcome.Locked ignored -> locked++;
                    case SignInOutcome.SignedIn signedIn -> throw new AssertionError("no guess was right");
                }
            }
            assertThat(wrong).as("guesses told 'wrong' before the fifth locked the account").isEqualTo(4);
            assertThat(locked).isEqualTo(496);
        }
        assertThat(staff.signIn("S1001", "2468")).isInstanceOf(SignInOutcome.Locked.class);
    }

    @Test
    void anUnknownStaffIdLooksLikeAWrongPin() {
        assertThat(staff.signIn("S9999", "2468")).isEqualTo(new SignInOutcome.WrongCredentials(5));
    }

    @Test
    void aKioskSignsInWithItsDeviceTokenAsAKiosk() {
        SignInOutcome.SignedIn kiosk = (SignInOutcome.SignedIn) staff.signInDevice("kiosk-1", "kiosk-secret");

        assertThat(staff.session(kiosk.token())).hasValueSatisfying(s -> assertThat(s.role()).isEqualTo(Role.KIOSK));
        assertThat(staff.signInDevice("kiosk-1", "guess")).isInstanceOf(SignInOutcome.WrongCredentials.class);
        assertThat(staff.signInDevice("kiosk-9", "kiosk-secret")).isInstanceOf(SignInOutcome.WrongCredentials.class);
    }

    @Test
    void aTillSignsInAsATillAndNotWithAKiosksToken() {
        SignInOutcome.SignedIn till = (SignInOutcome.SignedIn) staff.signInDevice("till-1", "till-secret");

        assertThat(staff.session(till.token())).hasValueSatisfying(s -> assertThat(s.role()).isEqualTo(Role.TILL));
        assertThat(staff.signInDevice("till-1", "kiosk-secret")).isInstanceOf(SignInOutcome.WrongCredentials.class);
    }

    @Test
    void signingOutEndsTheSession() {
        SignInOutcome.SignedIn signedIn = (SignInOutcome.SignedIn) staff.signIn("S1001", "2468");

        staff.end(signedIn.token());

        assertThat(staff.session(signedIn.token())).isEmpty();
    }

    @Test
    void pinsAreKeptOnlyAsSlowHashes() {
        String stored = database.read("read the PIN hash", c -> {
            try (var s = c.createStatement(); var r = s.executeQuery("SELECT pin_hash FROM staff WHERE staff_id = 'S1001'")) {
                r.next();
                return r.getString(1);
            }
        });

        assertThat(stored).startsWith("pbkdf2-sha256$120000$").doesNotContain("2468");
        assertThat(PinHasher.matches("2468", stored)).isTrue();
        assertThatThrownBy(() -> staff.provision("S1002", "Tom", Role.COLLEAGUE, "12"))
                .hasMessage("a PIN must be 4 to 8 digits");
    }
}
