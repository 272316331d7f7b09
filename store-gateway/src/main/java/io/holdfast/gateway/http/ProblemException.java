package io.holdfast.gateway.http;

/** Thrown by a handler to answer with a problem; {@link ErrorHandling} renders it. */
public final class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.code() + ": " + problem.detail());
        this.problem = problem;
    }

    public ProblemException(int status, String code, String title, String detail) {
        this(new Problem(status, code, title, detail));
    }

    public Problem problem() {
        return problem;
    }
}
