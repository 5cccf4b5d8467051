package io.newsstream.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as an operator types it: an ISO-8601 instant ({@code 2026-12-01T06:00:00Z}), {@code now}, or a
 * time before now ({@code -90s}, {@code -30m}, {@code -2h}, {@code -7d}). Pure.
 */
public final class TimeSpec {

    private static final Pattern RELATIVE = Pattern.compile("-(\\d+)(s|m|h|d)");

    private TimeSpec() {
    }

    /**
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parse(String text, Instant now) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("now")) {
            return now;
        }
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: give an ISO-8601 instant "
                    + "(2026-12-01T06:00:00Z), now, or a time before now (-90s, -30m, -2h, -7d)");
        }
    }
}
