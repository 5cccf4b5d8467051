package io.newsstream.enrich;

import io.newsstream.enrich.EntityExtractor.Candidate;
import io.newsstream.enrich.EntityGazetteer.Entry;
import io.newsstream.enrich.NameScanner.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges the mentions of one entity: names the gazetteer knows by any of their names; people by their
 * fullest name, later mentions by surname or by a spelling a letter away ({@code Lopez Obrador},
 * {@code Andres Manual Lopez Obrador}); organisations with their acronyms. Lone words no rule typed join an
 * entity they name, or are dropped. Pure.
 */
final class EntityMerger {

    /** Initials and generational suffixes, which people's names gain and lose freely. */
    private static final Set<String> NAME_EXTRAS = Set.of("jr", "sr", "ii", "iii", "iv");
    /** Last words that name a kind of organisation rather than one: "the Department" could be any. */
    private static final Set<String> GENERIC_HEADS = Set.of("department", "ministry", "agency", "administration",
            "council", "committee", "commission", "party", "court", "office", "service", "government", "group",
            "police", "army", "navy", "university", "bank", "company", "union", "board", "authority", "cartel");
    private static final Set<String> NOT_INITIALS = Set.of("of", "and", "the", "for", "de", "del", "on", "in");

    private final EntityGazetteer gazetteer;

    EntityMerger(EntityGazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** The candidates' mentions grouped by entity. */
    private static final class Group {
        final EntityType type;
        final Entry entry;
        /** Made for a word in capitals no gazetteer knows: kept only when the text repeats it. */
        boolean guessed;
        final List<Candidate> members = new ArrayList<>();
        List<String> nameTokens = List.of();

        Group(EntityType type, Entry entry) {
            this.type = type;
            this.entry = entry;
        }

        void add(Candidate c) {
            members.add(c);
            List<String> tokens = nameTokens(c);
            if (tokens.size() > nameTokens.size()) {
                nameTokens = tokens;
            }
        }
    }

    /**
     * @param lowerCase the folds of the capitalised words the text also writes in lower case
     */
    List<NamedEntity> merge(List<Candidate> candidates, Set<String> lowerCase, String text) {
        List<Group> groups = new ArrayList<>();
        List<Candidate> people = new ArrayList<>();
        List<Candidate> pending = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.pending()) {
                pending.add(c);
            } else if (c.entry() != null) {
                groupOf(groups, c.entry()).add(c);
            } else if (c.type() == EntityType.PERSON) {
                people.add(c);
            } else {
                byName(groups, c).add(c);
            }
        }
        // Fullest names first, so shorter mentions find the person they shorten.
        people.sort(Comparator.comparingInt((Candidate c) -> -nameTokens(c).size()).thenComparingInt(Candidate::start));
        for (Candidate c : people) {
            personOf(groups, c).add(c);
        }
        for (Candidate c : pending) {
            Group g = explain(groups, c, lowerCase);
            if (g != null) {
                g.add(c);
            }
        }
        return groups.stream()
                .filter(g -> !g.guessed || g.members.size() > 1)
                .map(g -> entity(g, text))
                .sorted(Comparator.comparingInt((NamedEntity e) -> -e.mentions().size())
                        .thenComparingInt(e -> e.mentions().get(0).start()))
                .toList();
    }

    private static Group groupOf(List<Group> groups, Entry entry) {
        for (Group g : groups) {
            if (g.entry == entry) {
                return g;
            }
        }
        Group g = new Group(entry.type(), entry);
        groups.add(g);
        return g;
    }

    private static Group byName(List<Group> groups, Candidate c) {
        List<String> tokens = nameTokens(c);
        for (Group g : groups) {
            if (g.type == c.type() && g.entry == null && g.nameTokens.equals(tokens)) {
                return g;
            }
        }
        Group g = new Group(c.type(), null);
        groups.add(g);
        return g;
    }

    /** The person a name belongs to: a known one it spells, one it shortens, or a new one. */
    private Group personOf(List<Group> groups, Candidate c) {
        List<String> tokens = nameTokens(c);
        for (Group g : groups) {
            if (g.type == EntityType.PERSON && (g.entry != null || !g.nameTokens.isEmpty()) && shortens(tokens, g)) {
                return g;
            }
        }
        if (tokens.size() >= 2) {
            for (Entry person : gazetteer.people()) {
                for (List<String> known : person.aliasWords()) {
                    if (known.size() >= 2 && isSuffix(tokens, withoutExtras(known))) {
                        return groupOf(groups, person);
                    }
                }
            }
        }
        Group g = new Group(EntityType.PERSON, null);
        groups.add(g);
        return g;
    }

    private static boolean shortens(List<String> tokens, Group person) {
        if (isSuffix(tokens, person.nameTokens)) {
            return true;
        }
        if (person.entry != null) {
            for (List<String> alias : person.entry.aliasWords()) {
                if (isSuffix(tokens, withoutExtras(alias))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The entity a word or run no rule typed names: a person's surname, an organisation's acronym or short
     * form; or, for a word in capitals the text never writes otherwise, an organisation of its own.
     */
    private Group explain(List<Group> groups, Candidate c, Set<String> lowerCase) {
        List<String> tokens = nameTokens(c);
        if (tokens.isEmpty()) {
            return null;
        }
        for (Group g : groups) {
            if (g.type == EntityType.PERSON && shortens(tokens, g)) {
                return g;
            }
        }
        if (c.words().size() != 1) {
            return null;
        }
        Word word = c.words().get(0);
        Group shortFor = null;
        for (Group g : groups) {
            if (g.type != EntityType.ORGANIZATION) {
                continue;
            }
            if (word.allCaps() && word.fold().equals(initials(g.nameTokens))) {
                return g;
            }
            if (g.nameTokens.size() > 1 && word.fold().equals(g.nameTokens.get(g.nameTokens.size() - 1))
                    && !GENERIC_HEADS.contains(word.fold())) {
                if (shortFor != null) {
                    return null;
                }
                shortFor = g;
            }
        }
        if (shortFor != null) {
            return shortFor;
        }
        if (word.allCaps() && word.text().length() <= 5 && !gazetteer.isCommonWord(word.fold())
                && !lowerCase.contains(word.fold()) && word.text().chars().allMatch(Character::isLetter)) {
            Group g = byName(groups, new Candidate(c.words(), EntityType.ORGANIZATION, null, false));
            g.guessed = g.members.isEmpty() || g.guessed;
            return g;
        }
        return null;
    }

    private static NamedEntity entity(Group g, String text) {
        List<NamedEntity.Mention> mentions = new ArrayList<>();
        Set<String> variants = new LinkedHashSet<>();
        List<Candidate> byPosition = new ArrayList<>(g.members);
        byPosition.sort(Comparator.comparingInt(Candidate::start));
        String longest = null;
        int longestTokens = -1;
        for (Candidate c : byPosition) {
            mentions.add(new NamedEntity.Mention(c.start(), c.end()));
            String written = c.text(text);
            variants.add(written);
            // The fullest form names the entity; one in lower case rather than a dateline's capitals.
            int size = 2 * nameTokens(c).size() + (isAllCaps(c) ? 0 : 1);
            if (size > longestTokens) {
                longest = written;
                longestTokens = size;
            }
        }
        Set<String> aliases = new LinkedHashSet<>(variants);
        String name = longest;
        String countryCode = null;
        if (g.entry != null) {
            name = g.entry.name();
            countryCode = g.entry.countryCode();
            aliases.addAll(g.entry.aliases());
        }
        return new NamedEntity(name, g.type, countryCode, mentions, List.copyOf(variants), List.copyOf(aliases));
    }

    private static boolean isAllCaps(Candidate c) {
        return c.words().stream().allMatch(Word::allCaps);
    }

    /** A name's comparable words: folded, without initials or generational suffixes. */
    private static List<String> nameTokens(Candidate c) {
        List<String> tokens = new ArrayList<>();
        for (Word w : c.words()) {
            tokens.addAll(tokens(w.fold()));
        }
        return withoutExtras(tokens);
    }

    private static List<String> tokens(String fold) {
        return fold.indexOf(' ') < 0 ? List.of(fold)
                : withoutExtras(Arrays.stream(fold.split(" ")).filter(t -> !t.isEmpty()).toList());
    }

    private static List<String> withoutExtras(List<String> tokens) {
        if (tokens.size() < 2) {
            return tokens;
        }
        List<String> kept = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            if (t.length() > 1 && !NAME_EXTRAS.contains(t)) {
                kept.add(t);
            }
        }
        return kept;
    }

    /** Whether {@code shorter} ends {@code longer}, word for word, allowing a misspelt letter in long words. */
    static boolean isSuffix(List<String> shorter, List<String> longer) {
        if (shorter.isEmpty() || shorter.size() > longer.size()) {
            return false;
        }
        int offset = longer.size() - shorter.size();
        for (int k = 0; k < shorter.size(); k++) {
            if (!sameWord(shorter.get(k), longer.get(offset + k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameWord(String a, String b) {
        return a.equals(b) || Math.min(a.length(), b.length()) >= 5 && withinOneEdit(a, b);
    }

    /** Whether one substitution, insertion or deletion turns one word into the other. */
    static boolean withinOneEdit(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        int j = 0;
        boolean edited = false;
        while (i < a.length() && j < b.length()) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (edited) {
                return false;
            }
            edited = true;
            if (a.length() > b.length()) {
                i++;
            } else if (b.length() > a.length()) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return !edited || (i == a.length() && j == b.length());
    }

    private static String initials(List<String> tokens) {
        StringBuilder initials = new StringBuilder();
        for (String t : tokens) {
            if (!NOT_INITIALS.contains(t)) {
                initials.append(t.charAt(0));
            }
        }
        return initials.length() >= 2 ? initials.toString() : "";
    }
}
