package io.newsstream.enrich;

import io.newsstream.enrich.EntityGazetteer.Entry;
import io.newsstream.enrich.EntityGazetteer.Match;
import io.newsstream.enrich.NameScanner.Word;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the people, organisations and places a text names, by gazetteers and rules rather than a model: runs
 * of capitalised words are cut into names (titles, sentence openers and demonyms trimmed), each typed by the
 * gazetteer, by a title before it, by its head word ({@code ... Department}, {@code ... River}) or by a given
 * name; the mentions of one entity are then merged ({@link EntityMerger}). A capitalised run that none of
 * this explains is left out rather than guessed, so no sentence fragment becomes an entity. Pure and
 * thread-safe.
 */
public final class EntityExtractor {

    /** Words that name an office and come before a person's name. */
    private static final Set<String> TITLES = Set.of("president", "vice", "secretary", "sen", "senator", "rep",
            "representative", "congressman", "congresswoman", "gov", "governor", "mayor", "minister", "prime",
            "chancellor", "king", "queen", "prince", "princess", "pope", "judge", "justice", "gen", "general", "col",
            "colonel", "lt", "lieutenant", "sgt", "sergeant", "capt", "captain", "adm", "admiral", "commissioner",
            "director", "chief", "ambassador", "attorney", "sheriff", "officer", "agent", "dr", "mr", "mrs", "ms",
            "sir", "dame", "lord", "rev", "reverend", "speaker", "leader", "chairman", "chairwoman", "chair",
            "deputy", "acting", "assistant", "spokesman", "spokeswoman", "spokesperson", "detective", "marshal",
            "envoy", "czar", "tsar", "premier", "emir", "sheikh", "crown", "lady", "first", "former", "commander",
            "superintendent", "executive", "trooper", "prosecutor", "cardinal", "archbishop", "bishop", "father", "senior",
            "special", "counsel", "adviser", "advisor", "pres", "supt", "det", "prof", "professor");
    /** Last words that make a name an organisation. */
    private static final Set<String> ORGANIZATION_HEADS = Set.of("department", "ministry", "agency", "administration",
            "council", "committee", "commission", "party", "cartel", "gang", "army", "navy", "police", "court",
            "university", "college", "school", "bank", "company", "corp", "corporation", "inc", "ltd", "llc", "group",
            "association", "institute", "foundation", "service", "services", "office", "bureau", "patrol", "guard",
            "forces", "force", "command", "congress", "senate", "assembly", "parliament", "authority", "board",
            "center", "centre", "fund", "coalition", "alliance", "front", "movement", "times", "post", "news",
            "journal", "network", "press", "union", "organization", "organisation", "federation", "church",
            "hospital", "airlines", "airways", "motors", "industries", "holdings", "partners", "project",
            "program", "programme", "initiative", "tribunal", "cabinet", "government", "regime", "brigade",
            "battalion", "division", "squad", "unit", "team", "club", "society", "league", "caucus", "secretariat",
            "devices", "systems", "technologies", "technology", "labs", "laboratories", "energy", "pharmaceuticals",
            "therapeutics", "semiconductor", "semiconductors", "electronics", "capital", "ventures", "media",
            "communications", "entertainment", "foods", "brands", "solutions", "software", "networks", "robotics",
            "financial", "insurance", "logistics", "petroleum", "mining", "steel", "chemicals", "automotive",
            "aerospace", "regents", "trust", "exchange", "fleet", "schools", "station", "hall", "airport", "health");
    /** Last words that make a name a place. */
    private static final Set<String> PLACE_HEADS = Set.of("river", "county", "province", "state", "city", "valley",
            "mountains", "mountain", "island", "islands", "sea", "gulf", "bay", "lake", "desert", "strait", "canal",
            "region", "district", "port", "peninsula", "border", "crossing", "bridge", "street", "avenue", "square",
            "park", "airport", "base", "ocean", "coast", "highway", "plaza", "heights", "hills", "beach", "village",
            "town", "municipality", "territory", "oblast", "prefecture", "canyon");
    /** First words that make a name a place: "Port Ellery", "Fort Bliss", "San Ysidro". */
    private static final Set<String> PLACE_LEADS = Set.of("port", "fort", "mount", "mt", "lake", "cape", "camp",
            "san", "santa", "santo", "sao", "saint", "st", "rio", "puerto", "ciudad", "isla", "sierra", "lago", "bahia");
    /** Lower-case words that join the parts of a name. */
    private static final Set<String> PARTICLES = Set.of("of", "de", "del", "la", "las", "los", "da", "das", "do",
            "dos", "di", "du", "von", "van", "der", "den", "bin", "ibn", "al", "el", "le");
    /** Verbs of saying after a name: only people speak in news reports. */
    private static final Set<String> SPEECH = Set.of("said", "says", "told", "added", "wrote", "tweeted", "posted",
            "argued", "insisted", "warned", "stated", "explained", "noted", "testified", "announced", "declined");

    private final EntityGazetteer gazetteer;

    public EntityExtractor() {
        this(EntityGazetteer.builtIn());
    }

    EntityExtractor(EntityGazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /**
     * The entities of a text, most mentioned first.
     *
     * @param text     the text to read
     * @param dateline where the text's dateline place is written ({@code [start, end)}), or null; it is read as a place
     */
    public List<NamedEntity> extract(String text, int[] dateline) {
        List<Word> words = NameScanner.scan(text);
        Reading reading = new Reading(words);
        int i = 0;
        if (dateline != null) {
            reading.out.add(datelineCandidate(text, dateline, words));
            while (i < words.size() && words.get(i).start() < dateline[1]) {
                i++;
            }
        }
        while (i < words.size()) {
            if (!startsName(words.get(i))) {
                i++;
                continue;
            }
            int end = reading.extendedToKnownName(i, spanEnd(words, i));
            reading.read(i, end);
            i = end;
        }
        return new EntityMerger(gazetteer).merge(reading.out, reading.lowerCase, text);
    }

    /** A name or a part of one, typed when the rules could tell. */
    record Candidate(List<Word> words, EntityType type, Entry entry, boolean pending) {

        String text(String source) {
            return source.substring(words.get(0).start(), words.get(words.size() - 1).end());
        }

        int start() {
            return words.get(0).start();
        }

        int end() {
            return words.get(words.size() - 1).end();
        }
    }

    private Candidate datelineCandidate(String text, int[] dateline, List<Word> words) {
        List<Word> inside = words.stream().filter(w -> w.start() >= dateline[0] && w.end() <= dateline[1]).toList();
        Entry entry = gazetteer.lookup(text.substring(dateline[0], dateline[1]));
        return new Candidate(inside, EntityType.PLACE, entry, false);
    }

    private static boolean startsName(Word word) {
        return word.capitalised();
    }

    /** Where a run of capitalised words (particles allowed between them) ends, before any punctuation. */
    private static int spanEnd(List<Word> words, int start) {
        int end = start + 1;
        while (end < words.size() && !words.get(end).separated()) {
            Word w = words.get(end);
            if (startsName(w)) {
                end++;
            } else if (PARTICLES.contains(w.fold()) && end + 1 < words.size() && !words.get(end + 1).separated()
                    && startsName(words.get(end + 1))) {
                end += 2;
            } else {
                break;
            }
        }
        return end;
    }

    /** One text being read: its words, the words it writes in lower case, the gazetteer's matches, the candidates. */
    private final class Reading {
        private final List<Word> words;
        private final Set<String> lowerCase;
        private final List<Candidate> out = new ArrayList<>();
        /** The gazetteer's longest match at each word, looked up once: the rules ask for the same words repeatedly. */
        private final Match[] matches;
        private final boolean[] looked;

        Reading(List<Word> words) {
            this.words = words;
            this.lowerCase = alsoInLowerCase(words);
            this.matches = new Match[words.size()];
            this.looked = new boolean[words.size()];
        }

        private Match matchAt(int k) {
            if (!looked[k]) {
                matches[k] = gazetteer.longestMatch(words, k);
                looked[k] = true;
            }
            return matches[k];
        }

        /** A known name may run on past the capitals: "Customs and Border Protection", "the Sinaloa cartel". */
        int extendedToKnownName(int start, int end) {
            for (int k = start; k < end; k++) {
                Match known = matchAt(k);
                if (known != null && k + known.length() > end) {
                    return k + known.length();
                }
            }
            return end;
        }

        /** Reads the words {@code [from, to)} into candidates. */
        void read(int from, int to) {
            int start = trimmedStart(from, to);
            int end = trimmedEnd(words, start, to);
            if (start >= end) {
                return;
            }
            List<Word> name = words.subList(start, end);
            Match known = matchAt(start);
            if (known != null && known.length() == end - start) {
                out.add(new Candidate(name, known.entry().type(), known.entry(), false));
                return;
            }
            int title = lastTitle(words, start, end);
            if (title >= 0) {
                readTitled(start, title, end);
                return;
            }
            EntityType byHead = typeByHead(name);
            if (byHead != null) {
                out.add(new Candidate(name, byHead, null, false));
            } else if (looksLikePerson(name)) {
                out.add(new Candidate(name, EntityType.PERSON, null, false));
            } else {
                readParts(start, end);
            }
        }

        /** "Homeland Security Secretary Kristi Noem": the name after the title is a person, the words before read alone. */
        private void readTitled(int start, int title, int end) {
            int titleStart = title;
            while (titleStart > start && isTitle(words.get(titleStart - 1))) {
                titleStart--;
            }
            int person = title + 1;
            if (person < end && words.get(person).fold().equals("of")) {
                // "Secretary of State Marco Rubio": the office runs on to a given name; without one, no person is named.
                person++;
                while (person < end && !gazetteer.isGivenName(words.get(person).fold())) {
                    person++;
                }
            }
            if (person < end && !isDemonymOrCommon(words.get(person))) {
                List<Word> name = words.subList(person, end);
                Match known = matchAt(person);
                boolean whole = known != null && known.length() == name.size();
                if (whole && known.entry().type() == EntityType.PERSON || !whole && typeByHead(name) == null
                        && !isHeadWord(name.get(name.size() - 1))) {
                    out.add(new Candidate(name, EntityType.PERSON, whole ? known.entry() : null, false));
                } else {
                    read(person, end);
                }
            }
            if (titleStart > start) {
                readOffice(start, titleStart);
            }
        }

        /**
         * The words before a title describe the office ("Homeland Security Secretary", "Deputy Interior Minister"):
         * the organisations and places in them count, but nothing in them is a person's name.
         */
        private void readOffice(int start, int end) {
            int from = trimmedStart(start, end);
            int to = trimmedEnd(words, from, end);
            while (to > from && isTitle(words.get(to - 1))) {
                to--;
            }
            if (from >= to) {
                return;
            }
            List<Word> office = words.subList(from, to);
            Match known = matchAt(from);
            EntityType byHead = typeByHead(office);
            if (known != null && known.length() == office.size()) {
                out.add(new Candidate(office, known.entry().type(), known.entry(), false));
            } else if (byHead != null && lastTitle(words, from, to) < 0) {
                out.add(new Candidate(office, byHead, null, false));
            } else {
                for (int k = from; k < to; k++) {
                    Match part = matchAt(k);
                    if (part != null && k + part.length() <= to) {
                        out.add(new Candidate(words.subList(k, k + part.length()), part.entry().type(), part.entry(), false));
                        k += part.length() - 1;
                    }
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
                    out.add(new Candidate(words.subList(i, i + known.length()), known.entry().type(), known.entry(), false));
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
            int end = trimmedEnd(words, start, to);
            if (start >= end) {
                return;
            }
            List<Word> rest = words.subList(start, end);
            if (rest.size() > 1 && looksLikePerson(rest)) {
                out.add(new Candidate(rest, EntityType.PERSON, null, false));
            } else if (rest.size() > 1 && rest.size() <= 3 && followedBySpeech(words, end) && !typedByAnyWord(rest)) {
                out.add(new Candidate(rest, EntityType.PERSON, null, false));
            } else {
                out.add(new Candidate(rest, null, null, true));
            }
        }

        /**
         * Skips what opens a run without being part of a name: articles and other common words, demonyms
         * ("Mexican President ...") and particles; and a sentence's first word when the text also writes it in lower case.
         */
        private int trimmedStart(int from, int to) {
            int start = from;
            while (start < to) {
                Word w = words.get(start);
                Match known = matchAt(start);
                if (known != null && start + known.length() <= to) {
                    break;
                }
                if (!isDemonymOrCommon(w) && !PARTICLES.contains(w.fold())) {
                    break;
                }
                start++;
            }
            return start;
        }

        private boolean isDemonymOrCommon(Word w) {
            if (gazetteer.isCommonWord(w.fold()) || gazetteer.isDemonym(w.fold())) {
                return true;
            }
            return w.sentenceStart() && !gazetteer.isGivenName(w.fold()) && lowerCase.contains(w.fold());
        }
    }

    private static int trimmedEnd(List<Word> words, int start, int to) {
        int end = to;
        while (end > start && PARTICLES.contains(words.get(end - 1).fold())) {
            end--;
        }
        return end;
    }

    private static int lastTitle(List<Word> words, int start, int end) {
        for (int k = end - 1; k >= start; k--) {
            if (isTitle(words.get(k))) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isTitle(Word w) {
        return TITLES.contains(w.fold()) && !w.allCaps();
    }

    /** "Attorney General's Office": what follows a title is no one's name when it is a kind of organisation or place. */
    private static boolean isHeadWord(Word w) {
        return ORGANIZATION_HEADS.contains(w.fold()) || PLACE_HEADS.contains(w.fold());
    }

    /** Typed by the last word before any "of": "Department of Homeland Security", "Gulf of Aden", "Rio Grande Valley". */
    private static EntityType typeByHead(List<Word> name) {
        if (name.size() < 2) {
            return null;
        }
        int headAt = name.size() - 1;
        for (int k = 1; k < name.size(); k++) {
            if (name.get(k).fold().equals("of")) {
                headAt = k - 1;
                break;
            }
        }
        String head = name.get(headAt).fold();
        if (ORGANIZATION_HEADS.contains(head)) {
            return EntityType.ORGANIZATION;
        }
        return PLACE_HEADS.contains(head) || PLACE_LEADS.contains(name.get(0).fold()) ? EntityType.PLACE : null;
    }

    /** Two to four name words opening with a given name: "Stephen Miller", "Andres Manuel Lopez Obrador". */
    private boolean looksLikePerson(List<Word> name) {
        if (name.size() < 2 || name.size() > 5 || !gazetteer.isGivenName(name.get(0).fold())) {
            return false;
        }
        for (Word w : name) {
            // "Daniel Kiprop of Kenya" is a person and a place.
            if (w.allCaps() && w.text().length() > 2 || Character.isDigit(w.text().charAt(0)) || w.fold().equals("of")) {
                return false;
            }
        }
        return true;
    }

    /** Whether any word of the run is an organisation's or place's head word, a title or a particle. */
    private static boolean typedByAnyWord(List<Word> run) {
        return run.stream().anyMatch(w -> isHeadWord(w) || isTitle(w) || PARTICLES.contains(w.fold())
                || PLACE_LEADS.contains(w.fold()));
    }

    private static boolean followedBySpeech(List<Word> words, int end) {
        return end < words.size() && SPEECH.contains(words.get(end).fold());
    }

    /**
     * Of the words a capital may not make a name (a sentence's first word, a word in capitals), those the text
     * also writes in lower case: "War" opening a sentence, "WAR" for emphasis, when "war" appears elsewhere.
     */
    private static Set<String> alsoInLowerCase(List<Word> words) {
        Set<String> doubtful = new HashSet<>();
        for (Word w : words) {
            if (w.capitalised() && (w.sentenceStart() || w.allCaps())) {
                doubtful.add(w.fold());
            }
        }
        Set<String> lower = new HashSet<>();
        for (Word w : words) {
            if (!w.capitalised() && doubtful.contains(w.fold())) {
                lower.add(w.fold());
            }
        }
        return lower;
    }
}
