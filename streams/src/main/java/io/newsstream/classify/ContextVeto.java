package io.newsstream.classify;

import java.util.List;

/**
 * Terms that mean something else in a given context: an occurrence of any of {@code terms} does not count
 * when any of {@code context} occurs within {@code window} words of it ("cartel" near "crude" or "output
 * cuts" is an oil producers' cartel; "sanctions" near "league" or "fans" is sport). A window of 0 means
 * anywhere in the article.
 */
public record ContextVeto(List<String> terms, List<String> context, int window) {

    public ContextVeto {
        if (terms == null || terms.isEmpty() || context == null || context.isEmpty()) {
            throw new IllegalArgumentException("a context veto needs terms and context");
        }
        if (window < 0) {
            throw new IllegalArgumentException("a context veto's window must be 0 (whole article) or positive, got " + window);
        }
        terms = List.copyOf(terms);
        context = List.copyOf(context);
    }
}
