package io.newsstream.enrich;

import io.newsstream.enrich.NameScanner.Word;
import java.util.List;
import java.util.Set;

/** The closed word lists entity rules read names by: titles, head words, particles, verbs of saying. */
final class NameWords {

    /** Words that name an office and come before a person's name. */
    static final Set<String> TITLES = Set.of("president", "vice", "secretary", "sen", "senator", "rep",
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
    static final Set<String> ORGANIZATION_HEADS = Set.of("department", "ministry", "agency", "administration",
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
            "aerospace", "regents", "trust", "exchange", "fleet", "schools", "station", "hall", "health");
    /** Last words that make a name a place. */
    static final Set<String> PLACE_HEADS = Set.of("river", "county", "province", "state", "city", "valley",
            "mountains", "mountain", "island", "islands", "sea", "gulf", "bay", "lake", "desert", "strait", "canal",
            "region", "district", "port", "peninsula", "border", "crossing", "bridge", "street", "avenue", "square",
            "park", "airport", "base", "ocean", "coast", "highway", "plaza", "heights", "hills", "beach", "village",
            "town", "municipality", "territory", "oblast", "prefecture", "canyon");
    /** First words that make a name a place: "Port Ellery", "Fort Bliss", "San Ysidro". */
    static final Set<String> PLACE_LEADS = Set.of("port", "fort", "mount", "mt", "lake", "cape", "camp",
            "san", "santa", "santo", "sao", "saint", "st", "rio", "puerto", "ciudad", "isla", "sierra", "lago", "bahia");
    /** Lower-case words that join the parts of a name. */
    static final Set<String> PARTICLES = Set.of("of", "de", "del", "la", "las", "los", "da", "das", "do",
            "dos", "di", "du", "von", "van", "der", "den", "bin", "ibn", "al", "el", "le");
    /** Verbs of saying after a name: only people speak in news reports. */
    static final Set<String> SPEECH = Set.of("said", "says", "told", "added", "wrote", "tweeted", "posted",
            "argued", "insisted", "warned", "stated", "explained", "noted", "testified", "announced", "declined");
    /** Title words that only qualify another ("Vice President", "Chief Executive"): alone they introduce no one. */
    static final Set<String> TITLE_MODIFIERS = Set.of("vice", "deputy", "acting", "assistant", "former", "first",
            "senior", "special", "executive", "prime", "crown");

    private NameWords() {
    }

    static boolean isTitle(Word w) {
        return TITLES.contains(w.fold()) && !w.allCaps();
    }

    /** A title that names an office by itself: "President", "Sen.", "Chief" — not "Vice" or "Executive". */
    static boolean isPersonalTitle(Word w) {
        return isTitle(w) && !TITLE_MODIFIERS.contains(w.fold());
    }

    /** "Attorney General's Office": a word that makes what it ends an organisation or a place. */
    static boolean isHeadWord(Word w) {
        return ORGANIZATION_HEADS.contains(w.fold()) || PLACE_HEADS.contains(w.fold());
    }

    /** "de", "of", "bin" written in lower case; capitalised they open a name ("La Paz", "El Paso", "L.A."). */
    static boolean isParticle(Word w) {
        return !w.capitalised() && PARTICLES.contains(w.fold());
    }

    /**
     * Typed by the last word before any "of" ("Department of Homeland Security", "Gulf of Aden", "Rio Grande
     * Valley") or a place's first word ("Fort Bliss"); null when neither tells.
     */
    static EntityType typeByHead(List<Word> name) {
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

    /** Whether any word of the run is a head word, a place's first word, a title or a particle. */
    static boolean typedByAnyWord(List<Word> run) {
        for (Word w : run) {
            if (isHeadWord(w) || isTitle(w) || isParticle(w) || PLACE_LEADS.contains(w.fold())) {
                return true;
            }
        }
        return false;
    }
}
