package io.holdfast.gateway.central;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import io.holdfast.mode.Capability;

/**
 * Every call to one central capability goes through here: a bulkhead, a circuit breaker with a
 * time-based window and a slow-call threshold, and a time limiter on a virtual thread that is
 * interrupted when the budget runs out. The answer is a value, never an exception: a failure
 * says why, and the caller carries on degraded.
 */
public final class CapabilityGuard implements AutoCloseable {

    /** A guarded call's result. */
    public sealed interface Result<T> {
        record Answered<T>(T value) implements Result<T> {
        }

        /** @param contactedCentral false when the call was refused without asking central */
        record Failed<T>(String reason, boolean contactedCentral) implements Result<T> {
            public Failed(String reason) {
                this(reason, true);
            }
        }
    }

    private final Capability capability;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;
    private final Bulkhead bulkhead;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Observer> observers = new CopyOnWriteArrayList<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong longestWaitNanos = new AtomicLong();
    private volatile boolean lastCallFailed;
    private volatile boolean isolated;
    private final Clock clock;
    private volatile Optional<Instant> lastAnswer = Optional.empty();

    /** What each call taught: the mode board listens. */
    public interface Observer {
        /** Central answered a call. */
        void answered(Capability capability);

        /** A call failed; one failure alone changes no state, but it restarts any recovery. */
        void failed(Capability capability, String reason);

        /** The breaker opened on failing or slow calls: the capability is switched off. */
        void switchedOff(Capability capability, String reason);
    }

    /** A guard named after its capability: the one its interactive calls go through. */
    public CapabilityGuard(Capability capability, GuardSettings settings, Clock clock) {
        this(capability, capability.name(), settings, clock);
    }

    /**
     * A guard for one kind of call to a capability, such as bulk downloads that must not share
     * the interactive calls' budget or slow-call statistics.
     */
    public CapabilityGuard(Capability capability, String name, GuardSettings settings, Clock clock) {
        this.capability = Objects.requireNonNull(capability, "capability");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowCalls())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(60)
                .slowCallDurationThreshold(settings.slowCallThreshold())
                .slowCallRateThreshold(60)
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .maxWaitDurationInHalfOpenState(settings.openFor())
                .recordExceptions(Exception.class)
                .build());
        this.limiter = TimeLimiter.of(name, TimeLimiterConfig.custom()
                .timeoutDuration(settings.callBudget()).cancelRunningFuture(true).build());
        // The board follows the breaker: one failed call does not degrade the store; an open breaker does.
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                String why = "central " + capability + " failing or slow: " + Math.round(breaker.getMetrics().getFailureRate())
                        + "% failed, " + Math.round(breaker.getMetrics().getSlowCallRate()) + "% slow of the last "
                        + breaker.getMetrics().getNumberOfBufferedCalls() + " calls";
                observers.forEach(observer -> observer.switchedOff(capability, why));
            }
        });
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.concurrent()).maxWaitDuration(java.time.Duration.ZERO).build());
    }

    public <T> Result<T> call(Callable<T> call) {
        if (isolated) {
            refused.incrementAndGet();
            return new Result.Failed<>("central " + capability + " is isolated: not contacted", false);
        }
        long started = System.nanoTime();
        Result<T> result = guarded(call);
        longestWaitNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
        lastCallFailed = result instanceof Result.Failed;
        if (result instanceof Result.Failed<T> failed) {
            if (failed.contactedCentral()) {
                observers.forEach(observer -> observer.failed(capability, failed.reason()));
            }
        } else {
            lastAnswer = Optional.of(clock.instant());
            observers.forEach(observer -> observer.answered(capability));
        }
        return result;
    }

    /**
     * The capability's health check failed with nobody calling: the capability is switched off with
     * that reason, and a closed breaker opens at once, so the next desk request does not pay the call
     * budget to find out, whatever successes its window still holds. A breaker already open or
     * half-open stays as it is; the board still hears of the failure and starts its hold again.
     */
    public void healthCheckFailed(String why) {
        if (isolated) {
            return;
        }
        lastCallFailed = true;
        observers.forEach(observer -> observer.switchedOff(capability, why));
        if (breaker.getState() == CircuitBreaker.State.CLOSED) {
            breaker.transitionToOpenState();
        }
    }

    public void addObserver(Observer observer) {
        observers.add(observer);
    }

    /** Isolation: the breaker is forced open and not one call leaves the store. */
    public void isolate() {
        isolated = true;
        breaker.transitionToForcedOpenState();
    }

    /** Lifts isolation: the breaker closes and calls may probe central again. */
    public void release() {
        isolated = false;
        breaker.transitionToClosedState();
    }

    /** Calls refused without contacting central: isolated, breaker open, or bulkhead full. */
    public long refusedCalls() {
        return refused.get() + breaker.getMetrics().getNumberOfNotPermittedCalls();
    }

    /** The breaker's figures over its window, for the status page. */
    public java.util.Map<String, Object> figures() {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        java.util.Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("breaker", breaker.getState().name());
        figures.put("failureRatePercent", metrics.getFailureRate());
        figures.put("slowCallRatePercent", metrics.getSlowCallRate());
        figures.put("bufferedCalls", metrics.getNumberOfBufferedCalls());
        figures.put("refusedCalls", refusedCalls());
        figures.put("lastAnswer", lastAnswer.map(Object::toString).orElse(null));
        // The last call went unanswered: the store is working from its own copy even before the breaker opens.
        figures.put("lastCallFailed", lastCallFailed);
        return figures;
    }

    /** The longest any caller has waited on this guard since it started: the call budget bounds it. */
    public java.time.Duration longestWait() {
        return java.time.Duration.ofNanos(longestWaitNanos.get());
    }

    public Optional<Instant> lastAnswer() {
        return lastAnswer;
    }

    private <T> Result<T> guarded(Callable<T> call) {
        Callable<T> guarded = Bulkhead.decorateCallable(bulkhead, CircuitBreaker.decorateCallable(breaker,
                TimeLimiter.decorateFutureSupplier(limiter, () -> calls.submit(call))));
        try {
            return new Result.Answered<>(guarded.call());
        } catch (CallNotPermittedException e) {
            return new Result.Failed<>("central " + capability + " is switched off after repeated failures", false);
        } catch (BulkheadFullException e) {
            return new Result.Failed<>("too many calls to central " + capability + " are waiting already", false);
        } catch (TimeoutException e) {
            return new Result.Failed<>("central " + capability + " did not answer within the call budget");
        } catch (ExecutionException e) {
            return new Result.Failed<>(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Failed<>("the call to central " + capability + " was interrupted");
        } catch (Exception e) {
            return new Result.Failed<>(describe(e));
        }
    }

    public Capability capability() {
        return capability;
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /**
     * Whether central is answering as far as this guard knows: the breaker is closed and the
     * last call (if any) got an answer. A breaker needs several failures to open; the desk
     * should not claim head office is checking orders while the last check failed.
     */
    public boolean answering() {
        boolean closed = switch (breaker.getState()) {
            case CLOSED, DISABLED -> true;
            default -> false;
        };
        return closed && !lastCallFailed && !isolated;
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }

    private String describe(Throwable failure) {
        String what = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return "central " + capability + " failed: " + what;
    }
}
