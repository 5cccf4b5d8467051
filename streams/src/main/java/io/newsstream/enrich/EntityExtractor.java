package io.newsstream.enrich;

import io.newsstream.enrich.EntityGazetteer.Entry;
import io.newsstream.enrich.NameScanner.Word;
import java.util.List;
import java.util.Locale;

/**
 * Finds the people, organisations and places a text names, by gazetteers and rules rather than a model: runs
 * of capitalised words are cut into names (titles, sentence openers and demonyms trimmed), each typed by the
 * gazetteer, by its head word ({@code ... Department}, {@code ... River}), by a given name or by a title before
 * it; the mentions of one entity are then merged ({@link EntityMerger}). A capitalised run that none of this
 * explains is left out rather than guessed, so no sentence fragment becomes an entity. Pure and thread-safe.
 */
public final class EntityExtractor {

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
     * @param text        the text to read
     * @param datelineEnd where the place of the text's opening dateline ends (it starts at 0), or 0 for none
     */
    public List<NamedEntity> extract(String text, int datelineEnd) {
        NameReader reader = new NameReader(gazetteer, NameScanner.scan(text));
        int firstWord = 0;
        if (datelineEnd > 0 && isPlaceName(text.substring(0, datelineEnd))) {
            firstWord = reader.readDateline(datelineEnd, gazetteer.lookup(text.substring(0, datelineEnd)));
        }
        reader.readRuns(firstWord);
        return new EntityMerger(gazetteer).merge(reader.candidates(), reader.lowerCase(), text);
    }

    /**
     * Whether a dateline's words can name a place: not a common word ("BREAKING —", "UPDATE —") nor a known
     * organisation or person ("NATO —").
     */
    public boolean isPlaceName(String name) {
        List<Word> words = NameScanner.scan(name);
        if (words.isEmpty() || words.stream().anyMatch(w -> gazetteer.isCommonWord(w.fold()))) {
            return false;
        }
        Entry known = gazetteer.lookup(name);
        return known == null || known.type() == EntityType.PLACE;
    }

    /**
     * A dateline's place with sentence capitals: the gazetteer's spelling when it knows the city ("PORT-AU-PRINCE"
     * is Port-au-Prince), else each word in capitals with lower-case letters after its first ("EL PASO, Texas" is
     * "El Paso, Texas"); abbreviations with dots stay as written.
     */
    public String placeName(String written, int cityEnd) {
        String city = written.substring(0, cityEnd);
        String known = gazetteer.spelling(city);
        return (known != null ? known : sentenceCase(city)) + sentenceCase(written.substring(cityEnd));
    }

    static String sentenceCase(String place) {
        StringBuilder out = new StringBuilder(place.length());
        for (String word : place.split(" ", -1)) {
            boolean capitals = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT)) && !word.contains(".");
            if (!out.isEmpty()) {
                out.append(' ');
            }
            for (int k = 0; k < word.length(); k++) {
                char c = word.charAt(k);
                boolean wordStart = k == 0 || word.charAt(k - 1) == '-' || word.charAt(k - 1) == '\'';
                out.append(capitals && !wordStart ? Character.toLowerCase(c) : c);
            }
        }
        return out.toString();
    }

    /** A name or a part of one; its type is null while no rule has told it. */
    record Candidate(List<Word> words, EntityType type, Entry entry) {

        String text(String source) {
            return source.substring(start(), end());
        }

        int start() {
            return words.get(0).start();
        }

        int end() {
            return words.get(words.size() - 1).end();
        }
    }

    /** One text being read: its words, what is known about them, and the candidates found so far. */
}
