package io.newsstream.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The name lists shipped for entity extraction: countries with their ISO codes and demonyms, other places,
 * organisations and the people news writes in ways no rule can merge, each with its alternative names; given
 * names; and the common words that open sentences. Read once; immutable and thread-safe.
 */
final class EntityGazetteer {

    /**
     * A known entity and the names it goes by, the first of which is reported.
     *
     * @param aliasWords each alias as the words names are compared by (folded, split at spaces)
     */
    record Entry(String name, EntityType type, String countryCode, List<String> aliases, List<List<String>> aliasWords,
                 Set<String> demonyms) {

        Entry(String name, EntityType type, String countryCode, List<String> aliases, Set<String> demonyms) {
            this(name, type, countryCode, aliases, aliases.stream().map(a -> List.of(fold(a).split(" "))).toList(),
                    demonyms);
        }
    }

    /** A match of one of an entry's names: how many words it covers. */
    record Match(Entry entry, int length) {
    }

    /** One of an entry's names, as the words the scanner makes of it. */
    private record Alias(Entry entry, List<NameScanner.Word> words) {
    }

    private static final int LONGEST_ALIAS = 8;

    private final Map<String, List<Alias>> aliasesByFirstWord = new HashMap<>();
    private final List<Entry> people = new ArrayList<>();
    private final Set<String> demonyms = new HashSet<>();
    private final Set<String> givenNames = new HashSet<>();
    private final Set<String> commonWords = new HashSet<>();

    private static final EntityGazetteer BUILT_IN = new EntityGazetteer();

    static EntityGazetteer builtIn() {
        return BUILT_IN;
    }

    private EntityGazetteer() {
        for (String line : lines("countries.tsv")) {
            String[] columns = line.split("\t");
            Set<String> folds = new HashSet<>();
            if (columns.length > 2) {
                names(columns[2]).forEach(d -> folds.add(fold(d)));
            }
            demonyms.addAll(folds);
            add(new Entry(first(columns[1]), EntityType.PLACE, columns[0], names(columns[1]), Set.copyOf(folds)));
        }
        lines("places.txt").forEach(l -> add(new Entry(first(l), EntityType.PLACE, null, names(l), Set.of())));
        lines("organizations.txt").forEach(l -> add(new Entry(first(l), EntityType.ORGANIZATION, null, names(l), Set.of())));
        for (String line : lines("people.txt")) {
            Entry person = new Entry(first(line), EntityType.PERSON, null, names(line), Set.of());
            add(person);
            people.add(person);
        }
        lines("given-names.txt").forEach(l -> Arrays.stream(l.split("\\s+")).forEach(n -> givenNames.add(fold(n))));
        lines("common-words.txt").forEach(l -> Arrays.stream(l.split("\\s+")).forEach(commonWords::add));
    }

    /**
     * The longest name of an entry written at {@code from}. Names match word for word, ignoring case and
     * accents, except that a name written in capitals ({@code ICE}, {@code WHO}) matches only capitals, an
     * abbreviation only with its dot ({@code Mass.} is not "Mass deportations"), and a name never runs across
     * punctuation. Of two entries with the same name, the one written exactly so wins ({@code L.A.} over
     * {@code La.}); then a country only when the text uses its demonym (Georgia the country beside "Georgian";
     * else the other place of that name).
     */
    Match longestMatch(List<NameScanner.Word> words, int from) {
        List<Alias> candidates = aliasesByFirstWord.get(words.get(from).fold());
        if (candidates == null) {
            return null;
        }
        Alias best = null;
        for (Alias alias : candidates) {
            if (matches(alias, words, from) && (best == null || alias.words().size() > best.words().size()
                    || alias.words().size() == best.words().size() && alias.entry() != best.entry()
                    && prefer(alias, best, words, from))) {
                best = alias;
            }
        }
        return best == null ? null : new Match(best.entry(), best.words().size());
    }

    private static boolean prefer(Alias challenger, Alias holder, List<NameScanner.Word> words, int from) {
        boolean challengerExact = writtenExactly(challenger, words, from);
        if (challengerExact != writtenExactly(holder, words, from)) {
            return challengerExact;
        }
        boolean challengerCountry = challenger.entry().countryCode() != null;
        if (challengerCountry == (holder.entry().countryCode() != null)) {
            return false;
        }
        Entry country = challengerCountry ? challenger.entry() : holder.entry();
        boolean demonymUsed = words.stream().anyMatch(w -> country.demonyms().contains(w.fold()));
        return challengerCountry == demonymUsed;
    }

    private static boolean writtenExactly(Alias alias, List<NameScanner.Word> words, int from) {
        for (int k = 0; k < alias.words().size(); k++) {
            if (!alias.words().get(k).text().equals(words.get(from + k).text())) {
                return false;
            }
        }
        return true;
    }

    /** The entry a name (a dateline, say) is known by, written in any case; null when none. */
    Entry lookup(String name) {
        List<NameScanner.Word> words = NameScanner.scan(name);
        if (words.isEmpty()) {
            return null;
        }
        for (Alias alias : aliasesByFirstWord.getOrDefault(words.get(0).fold(), List.of())) {
            if (alias.words().size() == words.size() && sameFolds(alias.words(), words)) {
                return alias.entry();
            }
        }
        return null;
    }

    /** How the gazetteer spells a name written in other capitals ("PORT-AU-PRINCE"), or null when it does not know it. */
    String spelling(String written) {
        Entry entry = lookup(written);
        if (entry != null) {
            for (String alias : entry.aliases()) {
                if (alias.equalsIgnoreCase(written)) {
                    return alias;
                }
            }
        }
        return null;
    }

    List<Entry> people() {
        return Collections.unmodifiableList(people);
    }

    boolean isDemonym(String fold) {
        return demonyms.contains(fold);
    }

    boolean isGivenName(String fold) {
        return givenNames.contains(fold);
    }

    boolean isCommonWord(String fold) {
        return commonWords.contains(fold);
    }

    private static boolean matches(Alias alias, List<NameScanner.Word> words, int from) {
        List<NameScanner.Word> name = alias.words();
        if (from + name.size() > words.size()) {
            return false;
        }
        for (int k = 0; k < name.size(); k++) {
            NameScanner.Word expected = name.get(k);
            NameScanner.Word actual = words.get(from + k);
            if (!expected.fold().equals(actual.fold()) || (k > 0 && actual.separated() && !expected.separated())
                    || (expected.allCaps() && !actual.allCaps())
                    || (expected.capitalised() && !actual.capitalised())
                    || (expected.text().endsWith(".") && !actual.text().endsWith("."))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameFolds(List<NameScanner.Word> a, List<NameScanner.Word> b) {
        for (int k = 0; k < a.size(); k++) {
            if (!a.get(k).fold().equals(b.get(k).fold())) {
                return false;
            }
        }
        return true;
    }

    private void add(Entry entry) {
        for (String alias : entry.aliases()) {
            List<NameScanner.Word> words = NameScanner.scan(alias);
            if (words.size() > LONGEST_ALIAS) {
                throw new IllegalStateException("gazetteer name longer than " + LONGEST_ALIAS + " words: " + alias);
            }
            if (!words.isEmpty()) {
                aliasesByFirstWord.computeIfAbsent(words.get(0).fold(), w -> new ArrayList<>())
                        .add(new Alias(entry, words));
            }
        }
    }

    static String fold(String name) {
        List<NameScanner.Word> words = NameScanner.scan(name);
        return String.join(" ", words.stream().map(NameScanner.Word::fold).toList());
    }

    private static String first(String names) {
        return names(names).get(0);
    }

    private static List<String> names(String column) {
        return Arrays.stream(column.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = EntityGazetteer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
