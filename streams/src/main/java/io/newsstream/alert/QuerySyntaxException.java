package io.newsstream.alert;

/** A query that cannot be parsed, with the position (0-based character offset) and the reason. */
public final class QuerySyntaxException extends IllegalArgumentException {

    private final int position;
    private final String reason;

    public QuerySyntaxException(int position, String reason) {
        super("invalid query at position " + position + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    public int position() {
        return position;
    }

    public String reason() {
        return reason;
    }
}
