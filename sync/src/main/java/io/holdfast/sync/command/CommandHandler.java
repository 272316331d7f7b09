package io.holdfast.sync.command;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import io.holdfast.audit.AuditLog;
import io.holdfast.mode.BoardDecision;
import io.holdfast.mode.IsolationSource;
import io.holdfast.mode.ModeBoard;
import io.holdfast.mode.Notices;
import io.holdfast.policy.PolicyDecision;
import io.holdfast.policy.StorePolicies;

/**
 * Obeys the commands the verifier accepts and writes every decision, accepted or refused, to the
 * audit log. A restore also asks the relay to spread its resync; a rate change goes to the relay.
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
    }

    /** Handles one message from a commands topic; never throws for what arrived. */
    public Verdict handle(byte[] message) {
        Verdict verdict = verifier.verify(message);
        switch (verdict) {
            case Verdict.Refused refusal -> {
                refused.incrementAndGet();
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("code", refusal.reason().code());
                detail.put("detail", refusal.detail());
                refusal.keyId().ifPresent(key -> detail.put("keyId", key));
                audit.append(clock.instant(), ACTOR, "command-refused", refusal.commandId().orElse("unreadable"),
                        detail);
                LOG.log(System.Logger.Level.WARNING, "refused a command ({0}): {1}", refusal.reason().code(),
                        refusal.detail());
            }
            case Verdict.Accepted accepted -> obey(accepted.command());
        }
        return verdict;
    }

    public long refusedCount() {
        return refused.get();
    }

    private void obey(SignedCommand command) {
        String outcome = switch (command.instruction()) {
            case Instruction.Isolate isolate -> describe(board.isolate(isolate.capabilities(),
                    IsolationSource.REGIONAL_IT, ACTOR, isolate.reason()));
            case Instruction.Restore restore -> {
                BoardDecision decision = board.restore(restore.capabilities(), IsolationSource.REGIONAL_IT, ACTOR,
                        restore.reason());
                if (decision instanceof BoardDecision.Changed) {
                    restoring.run();
                }
                yield describe(decision);
            }
            case Instruction.SetNotice notice -> {
                notices.replace(notice.capability(), notice.state(), notice.audience(), notice.text(), ACTOR);
                yield "notice replaced";
            }
            case Instruction.ReplacePolicy policy -> switch (policies.install(policy.version(), policy.documentJson(),
                    ACTOR + ":" + command.keyId())) {
                case PolicyDecision.Installed installed -> "policy version " + installed.policy().version() + " installed";
                case PolicyDecision.Refused refused -> "refused: " + refused.reason();
            };
            case Instruction.SetRate setRate -> {
                rate.accept(setRate.eventsPerSecond());
                yield "relay rate " + setRate.eventsPerSecond() + " events/s";
            }
        };
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", command.instruction().getClass().getSimpleName());
        detail.put("keyId", command.keyId());
        detail.put("sequence", command.sequence());
        detail.put("store", command.store());
        detail.put("outcome", outcome);
        audit.append(clock.instant(), ACTOR, "command-accepted", command.id(), detail);
    }

    private static String describe(BoardDecision decision) {
        return switch (decision) {
            case BoardDecision.Changed changed -> changed.transitions().size() + " capabilities changed";
            case BoardDecision.Unchanged unchanged -> "unchanged: " + unchanged.why();
            case BoardDecision.Refused refused -> "refused: " + refused.reason();
        };
    }
}
