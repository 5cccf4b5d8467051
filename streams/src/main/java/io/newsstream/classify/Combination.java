package io.newsstream.classify;

import java.util.List;

/**
 * Evidence from co-occurrence rather than from one term: when at least {@code distinct} different phrases
 * of {@code of} occur (say, two country names) together with any phrase of {@code with} (say, "agreed"),
 * the label gains {@code weight}. This finds topics implied without their obvious keywords — two governments
 * agreeing on something is foreign policy even when no "diplomat" is named. A phrase {@code @name} in
 * {@code of} refers to a gazetteer shipped with the application ({@code @countries}).
 */
public record Combination(int distinct, List<String> of, List<String> with, double weight) {

    public Combination {
        if (distinct < 1 || of == null || of.isEmpty() || weight <= 0) {
            throw new IllegalArgumentException("a combination needs distinct >= 1, phrases in 'of' and a positive weight");
        }
        of = List.copyOf(of);
        with = with == null ? List.of() : List.copyOf(with);
    }
}
