package io.newsstream.enrich;

import static io.newsstream.enrich.NameWords.isParticle;
import static io.newsstream.enrich.NameWords.isPersonalTitle;
import static io.newsstream.enrich.NameWords.isTitle;
import static io.newsstream.enrich.NameWords.typeByHead;

import io.newsstream.enrich.EntityExtractor.Candidate;
import io.newsstream.enrich.EntityGazetteer.Entry;
import io.newsstream.enrich.EntityGazetteer.Match;
import io.newsstream.enrich.NameScanner.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one text's capitalised runs into candidate names (the rules of {@link EntityExtractor}): what the text
 * writes in lower case, how often it capitalises each word, and the gazetteer's match at each word, looked up once.
 */
final class NameReader {

    private final EntityGazetteer gazetteer;
    private final List<Word> words;
    /** Capitalised words the text also writes in lower case: capitals alone do not make them names. */
    private final Set<String> lowerCase;
    /** How often each word is written capitalised: a later lone surname confirms a person. */
    private final Map<String, Integer> capitalised = new HashMap<>();
    private final List<Candidate> out = new ArrayList<>();
    /** The gazetteer's longest match at each word, looked up once: the rules ask for the same words repeatedly. */
    private final Match[] matches;
    private final boolean[] looked;

    NameReader(EntityGazetteer gazetteer, List<Word> words) {
        this.gazetteer = gazetteer;
        this.words = words;
        this.matches = new Match[words.size()];
        this.looked = new boolean[words.size()];
        Set<String> doubtful = new HashSet<>();
        for (Word w : words) {
            if (w.capitalised()) {
                capitalised.merge(w.fold(), 1, Integer::sum);
                if (w.sentenceStart() || w.allCaps()) {
                    doubtful.add(w.fold());
                }
            }
        }
        this.lowerCase = new HashSet<>();
        for (Word w : words) {
            if (!w.capitalised() && doubtful.contains(w.fold())) {
                lowerCase.add(w.fold());
            }
        }
    }

    List<Candidate> candidates() {
        return out;
    }

    Set<String> lowerCase() {
        return lowerCase;
    }

    /** The dateline's words, a place (known to the gazetteer or not); returns the first word after them. */
    int readDateline(int end, Entry known) {
        List<Word> place = new ArrayList<>();
        int i = 0;
        while (i < words.size() && words.get(i).start() < end) {
            place.add(words.get(i++));
        }
        if (!place.isEmpty()) {
            add(place, EntityType.PLACE, known);
        }
        return i;
    }

    /** Every run of capitalised words from word {@code from} on. */
    void readRuns(int from) {
        int i = from;
        while (i < words.size()) {
            if (!words.get(i).capitalised()) {
                i++;
                continue;
            }
            int end = extendedToKnownName(i, spanEnd(words, i));
            read(i, end);
            i = end;
        }
    }

    private Match matchAt(int k) {
        if (!looked[k]) {
            matches[k] = gazetteer.longestMatch(words, k);
            looked[k] = true;
        }
        return matches[k];
    }

    private void add(List<Word> name, EntityType type, Entry entry) {
        out.add(new Candidate(name, type, entry));
    }

    /** A known name may run on past the capitals: "Customs and Border Protection", "the Sinaloa cartel". */
    private int extendedToKnownName(int start, int end) {
        for (int k = start; k < end; k++) {
            Match known = matchAt(k);
            if (known != null && k + known.length() > end) {
                return k + known.length();
            }
        }
        return end;
    }

    /** Reads the words {@code [from, to)}: known whole, typed whole by a rule, or cut into parts. */
    private void read(int from, int to) {
        int start = trimmedStart(from, to);
        int end = trimmedEnd(start, to);
        if (start >= end) {
            return;
        }
        List<Word> name = words.subList(start, end);
        Match known = matchAt(start);
        EntityType byHead = typeByHead(name);
        if (known != null && known.length() == end - start) {
            add(name, known.entry().type(), known.entry());
        } else if (byHead != null) {
            add(name, byHead, null);
        } else if (looksLikePerson(name)) {
            add(name, EntityType.PERSON, null);
        } else if (lastTitle(start, end) >= 0) {
            readTitled(start, lastTitle(start, end), end);
        } else {
            readParts(start, end);
        }
    }

    /** "Homeland Security Secretary Kristi Noem": the name after the title is a person, the words before an office. */
    private void readTitled(int start, int title, int end) {
        int titleStart = title;
        while (titleStart > start && isTitle(words.get(titleStart - 1))) {
            titleStart--;
        }
        boolean personal = false;
        for (int k = titleStart; k <= title; k++) {
            personal |= isPersonalTitle(words.get(k));
        }
        int person = title + 1;
        if (person < end && words.get(person).fold().equals("of")) {
            // "Secretary of State Marco Rubio": the office runs on to a given name; without one, no person is named.
            person++;
            while (person < end && !gazetteer.isGivenName(words.get(person).fold())) {
                person++;
            }
        }
        int personEnd = person;
        while (personEnd < end && !words.get(personEnd).fold().equals("of")) {
            personEnd++;
        }
        if (person < personEnd) {
            readPerson(person, personEnd, personal);
        }
        if (personEnd < end) {
            // "Governor Greg Abbott of Texas": the place is read on its own.
            read(personEnd + 1, end);
        }
        if (titleStart > start) {
            readOffice(start, titleStart);
        }
    }

    /** The words after a title: a person when they can be a name, else read as any other run. */
    private void readPerson(int start, int end, boolean personalTitle) {
        List<Word> name = words.subList(start, end);
        Match known = matchAt(start);
        boolean whole = known != null && known.length() == name.size();
        boolean nameLike = !isDemonymOrCommon(name.get(0)) && typeByHead(name) == null
                && !NameWords.isHeadWord(name.get(name.size() - 1)) && (personalTitle || name.size() > 1);
        if (whole && known.entry().type() == EntityType.PERSON || !whole && nameLike) {
            add(name, EntityType.PERSON, whole ? known.entry() : null);
        } else {
            read(start, end);
        }
    }

    /**
     * The words before a title describe the office ("White House Press Secretary", "Deputy Interior Minister"):
     * the organisations and places in them count, but nothing in them is a person's name.
     */
    private void readOffice(int start, int end) {
        int from = trimmedStart(start, end);
        int to = trimmedEnd(from, end);
        while (to > from && isTitle(words.get(to - 1))) {
            to--;
        }
        if (from >= to) {
            return;
        }
        List<Word> office = words.subList(from, to);
        EntityType byHead = typeByHead(office);
        if (matchAt(from) == null && byHead != null && lastTitle(from, to) < 0) {
            add(office, byHead, null);
            return;
        }
        for (int k = from; k < to; k++) {
            Match part = matchAt(k);
            if (part != null && k + part.length() <= to) {
                add(words.subList(k, k + part.length()), part.entry().type(), part.entry());
                k += part.length() - 1;
            }
        }
    }

    /** A run no rule types as a whole: the gazetteer's names in it, and the rest left for the merge to explain. */
    private void readParts(int start, int end) {
        int i = start;
        int restStart = start;
        while (i < end) {
            Match known = matchAt(i);
            if (known != null && i + known.length() <= end) {
                pending(restStart, i);
                add(words.subList(i, i + known.length()), known.entry().type(), known.entry());
                i += known.length();
                restStart = i;
            } else {
                i++;
            }
        }
        pending(restStart, end);
    }

    private void pending(int from, int to) {
        int start = trimmedStart(from, to);
        int end = trimmedEnd(start, to);
        if (start >= end) {
            return;
        }
        List<Word> rest = words.subList(start, end);
        if (looksLikePerson(rest) || saidBySomeoneNamedAgain(rest, end)) {
            add(rest, EntityType.PERSON, null);
        } else {
            add(rest, null, null);
        }
    }

    /**
     * "Mher Grigoryan said …, Grigoryan added": two or three name words before a verb of saying are a person
     * when the text names them again by the last word alone (organisations speak too, but are not called so).
     */
    private boolean saidBySomeoneNamedAgain(List<Word> run, int end) {
        return run.size() > 1 && run.size() <= 3 && end < words.size()
                && NameWords.SPEECH.contains(words.get(end).fold()) && !NameWords.typedByAnyWord(run)
                && capitalised.getOrDefault(run.get(run.size() - 1).fold(), 0) > 1;
    }

    /**
     * Skips what opens a run without being part of a name: articles and other common words, particles,
     * demonyms ("Mexican President ..."; not in "American Civil Liberties Union", whose head word makes it a
     * name), and a sentence's first word when the text also writes it in lower case.
     */
    private int trimmedStart(int from, int to) {
        int start = from;
        while (start < to) {
            Word w = words.get(start);
            Match known = matchAt(start);
            if (known != null && start + known.length() <= to) {
                break;
            }
            boolean demonymOfAName = gazetteer.isDemonym(w.fold()) && typeByHead(words.subList(start, to)) != null;
            if (demonymOfAName || !isDemonymOrCommon(w) && !isParticle(w)) {
                break;
            }
            start++;
        }
        return start;
    }

    private int trimmedEnd(int start, int to) {
        int end = to;
        while (end > start && isParticle(words.get(end - 1))) {
            end--;
        }
        return end;
    }

    private boolean isDemonymOrCommon(Word w) {
        if (gazetteer.isCommonWord(w.fold()) || gazetteer.isDemonym(w.fold())) {
            return true;
        }
        return w.sentenceStart() && !gazetteer.isGivenName(w.fold()) && lowerCase.contains(w.fold());
    }

    private int lastTitle(int start, int end) {
        for (int k = end - 1; k >= start; k--) {
            if (isTitle(words.get(k))) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Two to five name words opening with a given name ("Stephen Miller", "Andres Manuel Lopez Obrador"), with
     * no title but perhaps at the end ("Stephen King") and no "of" ("Daniel Kiprop of Kenya" is two names).
     */
    private boolean looksLikePerson(List<Word> name) {
        if (name.size() < 2 || name.size() > 5 || !gazetteer.isGivenName(name.get(0).fold())) {
            return false;
        }
        for (int k = 0; k < name.size(); k++) {
            Word w = name.get(k);
            if (w.allCaps() && w.text().length() > 2 || Character.isDigit(w.text().charAt(0))
                    || w.fold().equals("of") || k < name.size() - 1 && isTitle(w)) {
                return false;
            }
        }
        return true;
    }

    /** Where a run of capitalised words (particles allowed between them) ends, before any punctuation. */
    private static int spanEnd(List<Word> words, int start) {
        int end = start + 1;
        while (end < words.size() && !words.get(end).separated()) {
            Word w = words.get(end);
            if (w.capitalised()) {
                end++;
            } else if (isParticle(w) && end + 1 < words.size() && !words.get(end + 1).separated()
                    && words.get(end + 1).capitalised()) {
                end += 2;
            } else {
                break;
            }
        }
        return end;
    }
}
