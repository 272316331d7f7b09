package io.holdfast.returns;

/** A quote, or why there is none (no such receipt, a refused e-receipt). */
public sealed interface QuoteOutcome {

    record Quoted(Quote quote) implements QuoteOutcome {
    }

    record Refused(ReturnRefusal refusal, Reason reason) implements QuoteOutcome {
    }
}
