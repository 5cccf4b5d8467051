package io.newsstream.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two enriched outputs of the same articles side by side (live and a reprocess, say), joined by article id: per
 * label, the articles b adds it to, removes it from and leaves it on; dedup verdicts that changed; articles only one
 * side has — each with a few examples. Pure.
 */
public final class EnrichedComparison {

    private static final int EXAMPLES = 3;

    /**
     * One article as one side tells it.
     *
     * @param verdict its dedup status and the article it copies (its own id when original)
     */
    public record Article(String id, Set<String> labels, String verdict) {
    }

    /** Counts with a few example article ids. */
    public record Tally(long count, List<String> examples) {
        static Tally of(List<String> ids) {
            return new Tally(ids.size(), List.copyOf(ids.subList(0, Math.min(EXAMPLES, ids.size()))));
        }
    }

    public record LabelChange(String label, Tally added, Tally removed, Tally unchanged) {
    }

    public record Report(long compared, List<LabelChange> labels, Tally verdictsChanged, Tally onlyInA, Tally onlyInB) {

        public String table(String a, String b) {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "a = %s%nb = %s%n%d articles in both%n", a, b, compared));
            out.append(String.format(Locale.ROOT, "%-24s %9s %9s %10s  %s%n", "label", "added", "removed", "unchanged", "examples (added; removed)"));
            for (LabelChange c : labels) {
                out.append(String.format(Locale.ROOT, "%-24s %9d %9d %10d  %s; %s%n", c.label(), c.added().count(),
                        c.removed().count(), c.unchanged().count(), c.added().examples(), c.removed().examples()));
            }
            out.append(String.format(Locale.ROOT, "dedup verdicts changed: %d %s%n", verdictsChanged.count(), verdictsChanged.examples()));
            out.append(String.format(Locale.ROOT, "only in a: %d %s%n", onlyInA.count(), onlyInA.examples()));
            return out.append(String.format(Locale.ROOT, "only in b: %d %s%n", onlyInB.count(), onlyInB.examples())).toString();
        }
    }

    private EnrichedComparison() {
    }

    /** Articles by id on each side (the last record of an id stands for it). */
    public static Report compare(Map<String, Article> a, Map<String, Article> b) {
        Set<String> labels = new TreeSet<>();
        a.values().forEach(x -> labels.addAll(x.labels()));
        b.values().forEach(x -> labels.addAll(x.labels()));
        Map<String, List<List<String>>> byLabel = new LinkedHashMap<>();
        labels.forEach(l -> byLabel.put(l, List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>())));
        List<String> verdicts = new ArrayList<>();
        List<String> onlyA = new ArrayList<>();
        long compared = 0;
        for (Map.Entry<String, Article> e : new TreeMap<>(a).entrySet()) {
            Article right = b.get(e.getKey());
            if (right == null) {
                onlyA.add(e.getKey());
                continue;
            }
            compared++;
            Article left = e.getValue();
            for (String label : labels) {
                boolean before = left.labels().contains(label);
                boolean after = right.labels().contains(label);
                int kind = before && after ? 2 : after ? 0 : before ? 1 : -1;
                if (kind >= 0) {
                    byLabel.get(label).get(kind).add(left.id());
                }
            }
            if (!Objects.equals(left.verdict(), right.verdict())) {
                verdicts.add(left.id());
            }
        }
        List<String> onlyB = new TreeSet<>(b.keySet()).stream().filter(id -> !a.containsKey(id)).toList();
        List<LabelChange> changes = new ArrayList<>();
        byLabel.forEach((label, lists) -> changes.add(new LabelChange(label, Tally.of(lists.get(0)), Tally.of(lists.get(1)),
                Tally.of(lists.get(2)))));
        return new Report(compared, changes, Tally.of(verdicts), Tally.of(onlyA), Tally.of(onlyB));
    }
}
