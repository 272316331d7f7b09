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

    /** A 400 naming the request field that is missing or wrong, in {@code detail} and as {@code field}. */
    public static ProblemException field(String code, String title, String field, String detail) {
        return field(400, code, title, field, detail);
    }

    /** The same with another status: 422 for a well-formed value the route cannot take. */
    public static ProblemException field(int status, String code, String title, String field, String detail) {
        return new ProblemException(new Problem(status, code, title, field + ": " + detail,
                java.util.Map.of("field", field)));
    }

    public Problem problem() {
        return problem;
    }
}
