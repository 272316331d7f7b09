package io.holdfast.sync.command;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import io.holdfast.audit.AuditLog;
import io.holdfast.audit.Untrusted;
import io.holdfast.mode.BoardDecision;
import io.holdfast.mode.IsolationSource;
import io.holdfast.mode.ModeBoard;
import io.holdfast.mode.Notices;
import io.holdfast.policy.PolicyDecision;
import io.holdfast.policy.StorePolicies;
import io.holdfast.release.UpdateOrders;

/**
 * Obeys the commands the verifier accepts, each exactly once: its sequence is claimed, its effect
 * made and its audit entry written in one transaction, so a crash leaves either all three or none
 * (and the command, redelivered, is carried out then). Every authenticated refusal is audited one
 * by one; unauthenticated garbage (unreadable, unknown key, bad signature), which anyone on the
 * broker can send, is counted and summarised once a minute per code ({@link GarbageTally}). A
 * restore also asks the relay to spread its resync; a rate change goes to the relay.
 */
public final class CommandHandler {

    private static final System.Logger LOG = System.getLogger(CommandHandler.class.getName());
    private static final String ACTOR = "regional-it";

    private final CommandVerifier verifier;
    private final ModeBoard board;
    private final Notices notices;
    private final StorePolicies policies;
    private final AuditLog audit;
    private final Clock clock;
    private final IntConsumer rate;
    private final Runnable restoring;
    private final AtomicLong refused = new AtomicLong();
    private final GarbageTally garbage;

    /**
     * @param rate      takes a new events-per-second limit for the relay
     * @param restoring runs after a restore, to start the relay's spread resync
     */
    public CommandHandler(CommandVerifier verifier, ModeBoard board, Notices notices, StorePolicies policies,
                          AuditLog audit, Clock clock, IntConsumer rate, Runnable restoring) {
        this.policies = policies;
        this.verifier = verifier;
        this.board = board;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
        this.rate = rate;
        this.restoring = restoring;
        this.garbage = new GarbageTally(audit, clock, ACTOR);
    }

    /** Handles one message from a commands topic; never throws for what arrived. */
    public Verdict handle(byte[] message) {
        Verdict verdict = switch (verifier.check(message)) {
            case Verdict.Refused refusal -> refusal;
            case Verdict.Accepted accepted -> carryOut(accepted.command());
        };
        if (verdict instanceof Verdict.Refused refusal) {
            refused(refusal);
        }
        return verdict;
    }

    /** A message on a commands topic too large to read: refused unread, like any unreadable one. */
    public Verdict oversized(int bytes) {
        Verdict.Refused refusal = new Verdict.Refused(Refusal.UNREADABLE, bytes
                + " bytes is larger than a command may be", Optional.empty(), Optional.empty());
        refused(refusal);
        return refusal;
    }

    /** Commands refused since start, garbage included: {@code holdfast_sync_commands_refused}. */
    public long refusedCount() {
        return refused.get();
    }

    /** Unreadable, unknown-key and badly signed messages since start: {@code holdfast_sync_commands_unauthenticated}. */
    public long unauthenticatedCount() {
        return garbage.totals().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Writes the summaries of garbage counted since the last ones; the store's timer calls it every minute. */
    public void summariseGarbage() {
        garbage.flush();
    }

    private Verdict carryOut(SignedCommand command) {
        AtomicReference<Optional<Runnable>> afterCommit = new AtomicReference<>(Optional.empty());
        Optional<Verdict.Refused> refusal = board.inTransaction("carry out command " + command.id(), connection -> {
            Instant now = clock.instant();
            if (!CommandSequences.claim(connection, command, now)) {
                return Optional.of(CommandVerifier.replay(command));
            }
            Outcome outcome = obey(command, connection);
            if (outcome.refusal().isPresent()) {
                return outcome.refusal();
            }
            afterCommit.set(outcome.afterCommit());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("type", command.instruction().getClass().getSimpleName());
            detail.put("keyId", command.keyId());
            detail.put("sequence", command.sequence());
            detail.put("store", command.store());
            detail.put("outcome", outcome.words());
            AuditLog.append(connection, now, ACTOR, "command-accepted", command.id(), detail);
            return Optional.empty();
        });
        if (refusal.isPresent()) {
            return refusal.get();
        }
        afterCommit.get().ifPresent(Runnable::run); // what lies outside the store file follows the commit
        return new Verdict.Accepted(command);
    }

    /** What obeying did, a refusal it met, and what to do outside the store once it commits. */
    private record Outcome(String words, Optional<Verdict.Refused> refusal, Optional<Runnable> afterCommit) {
        static Outcome done(String words) {
            return new Outcome(words, Optional.empty(), Optional.empty());
        }
    }

    /** The command's effect, in the transaction {@link #carryOut} holds (each store call below joins it). */
    private Outcome obey(SignedCommand command, java.sql.Connection transaction) throws java.sql.SQLException {
        return switch (command.instruction()) {
            case Instruction.Isolate isolate -> Outcome.done(describe(board.isolate(isolate.capabilities(),
                    IsolationSource.REGIONAL_IT, ACTOR, isolate.reason())));
            case Instruction.Restore restore -> {
                BoardDecision decision = board.restore(restore.capabilities(), IsolationSource.REGIONAL_IT, ACTOR,
                        restore.reason());
                yield new Outcome(describe(decision), Optional.empty(),
                        decision instanceof BoardDecision.Changed ? Optional.of(restoring) : Optional.empty());
            }
            case Instruction.SetNotice notice -> {
                notices.replace(notice.capability(), notice.state(), notice.audience(), notice.text(), ACTOR);
                yield Outcome.done("notice replaced");
            }
            case Instruction.ReplacePolicy policy -> switch (policies.install(policy.version(), policy.documentJson(),
                    ACTOR + ":" + command.keyId())) {
                case PolicyDecision.Installed installed ->
                        Outcome.done("policy version " + installed.policy().version() + " installed");
                case PolicyDecision.Refused notNewer -> new Outcome("refused", Optional.of(new Verdict.Refused(
                        Refusal.POLICY_NOT_NEWER, notNewer.reason(), Optional.of(command.id()),
                        Optional.of(command.keyId()))), Optional.empty());
            };
            case Instruction.UpdateAvailable update -> {
                boolean fresh = UpdateOrders.announce(transaction, update.release(), clock.instant());
                yield Outcome.done(fresh ? "release " + update.release().release() + " announced"
                        : "release " + update.release().release() + " was announced before");
            }
            case Instruction.Freeze freeze -> {
                UpdateOrders.freeze(transaction, freeze.until(), freeze.reason(), command.keyId(),
                        clock.instant());
                yield Outcome.done("updates frozen until " + freeze.until() + " (fixes pass)");
            }
            case Instruction.SetRate setRate -> new Outcome("relay rate " + setRate.eventsPerSecond() + " events/s",
                    Optional.empty(), Optional.of(() -> rate.accept(setRate.eventsPerSecond())));
        };
    }

    private void refused(Verdict.Refused refusal) {
        refused.incrementAndGet();
        if (refusal.reason().unauthenticated()) {
            garbage.count(refusal);
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", refusal.reason().code());
        detail.put("detail", Untrusted.text(refusal.detail()));
        refusal.keyId().ifPresent(key -> detail.put("keyId", Untrusted.text(key)));
        audit.append(clock.instant(), ACTOR, "command-refused",
                refusal.commandId().map(Untrusted::text).orElse("unreadable"), detail);
        LOG.log(System.Logger.Level.WARNING, "refused a command ({0}): {1}", refusal.reason().code(),
                Untrusted.text(refusal.detail()));
    }

    private static String describe(BoardDecision decision) {
        return switch (decision) {
            case BoardDecision.Changed changed -> changed.transitions().size() + " capabilities changed";
            case BoardDecision.Unchanged unchanged -> "unchanged: " + unchanged.why();
            case BoardDecision.Refused refused -> "refused: " + refused.reason();
        };
    }
}
