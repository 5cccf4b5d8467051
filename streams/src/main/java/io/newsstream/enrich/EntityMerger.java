package io.newsstream.enrich;

import static io.newsstream.enrich.NameComparison.initials;
import static io.newsstream.enrich.NameComparison.isSuffix;
import static io.newsstream.enrich.NameComparison.nameTokens;
import static io.newsstream.enrich.NameComparison.withoutExtras;

import io.newsstream.enrich.EntityExtractor.Candidate;
import io.newsstream.enrich.EntityGazetteer.Entry;
import io.newsstream.enrich.NameScanner.Word;
import java.util.ArrayList;
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

    /** Last words that name a kind of organisation rather than one: "the Department" could be any. */
    private static final Set<String> GENERIC_HEADS = Set.of("department", "ministry", "agency", "administration",
            "council", "committee", "commission", "party", "court", "office", "service", "government", "group",
            "police", "army", "navy", "university", "bank", "company", "union", "board", "authority", "cartel");

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
            if (c.type() == null) {
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

    /**
     * The person a name belongs to: one it names exactly (in full or by the end of the name), else one it names
     * with a letter off; a known person either way; else a new person. A name that fits two people ("Trump"
     * beside Donald and Lara Trump) is a person of its own.
     */
    private Group personOf(List<Group> groups, Candidate c) {
        List<String> tokens = nameTokens(c);
        for (boolean misspelt : new boolean[] {false, true}) {
            List<Group> named = peopleNamed(groups, tokens, misspelt);
            if (named.size() == 1) {
                return named.get(0);
            }
            if (named.size() > 1) {
                break;
            }
            Entry known = tokens.size() >= 2 ? knownPerson(tokens, misspelt) : null;
            if (known != null) {
                return groupOf(groups, known);
            }
        }
        Group g = new Group(EntityType.PERSON, null);
        groups.add(g);
        return g;
    }

    private Entry knownPerson(List<String> tokens, boolean misspelt) {
        for (Entry person : gazetteer.people()) {
            for (List<String> known : person.aliasWords()) {
                if (known.size() >= 2 && isSuffix(tokens, withoutExtras(known), misspelt)) {
                    return person;
                }
            }
        }
        return null;
    }

    private static List<Group> peopleNamed(List<Group> groups, List<String> tokens, boolean misspelt) {
        List<Group> named = new ArrayList<>(1);
        for (Group g : groups) {
            if (g.type == EntityType.PERSON && names(tokens, g, misspelt)) {
                named.add(g);
            }
        }
        return named;
    }

    private static boolean names(List<String> tokens, Group person, boolean misspelt) {
        if (isSuffix(tokens, person.nameTokens, misspelt)) {
            return true;
        }
        if (person.entry != null) {
            for (List<String> alias : person.entry.aliasWords()) {
                if (isSuffix(tokens, withoutExtras(alias), misspelt)) {
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
        for (boolean misspelt : new boolean[] {false, true}) {
            List<Group> named = peopleNamed(groups, tokens, misspelt);
            if (!named.isEmpty()) {
                return named.size() == 1 ? named.get(0) : null;
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
            Group g = byName(groups, new Candidate(c.words(), EntityType.ORGANIZATION, null));
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

}
