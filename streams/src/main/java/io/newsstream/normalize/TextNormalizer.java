package io.newsstream.normalize;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * Cleans what real feeds do to article text, so that classification and dedup see the story and not the
 * outlet: HTML entities and tags, curly quotes and odd spaces, bylines, agency credits in datelines and
 * trailing outlet boilerplate (copyright lines, newsletter prompts, "Related" links, section tags).
 * Pure and thread-safe.
 */
public final class TextNormalizer {

    private static final Pattern TAG = Pattern.compile("<(?:/?[a-zA-Z][a-zA-Z0-9]*(?:\\s[^<>]*)?/?|!--.*?--)>");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?i)</?(?:p|div|br|h[1-6]|li|blockquote)\\b[^>]*>");

    /** "WASHINGTON (Meridian Wire) —": a capitalised place, an optional credit in brackets, then a dash. */
    private static final Pattern DATELINE = Pattern.compile(
            "^((?:\\p{Lu}[\\p{L}'.-]*)(?:[ ,]+\\p{Lu}[\\p{L}'.-]*){0,5})\\s*(\\([^)]{1,60}\\))?\\s*(?:—|–|--|-)\\s+");
    private static final Pattern BYLINE = Pattern.compile(
            "^(?i:by)\\s+[\\p{L}.'-]+(?:[ ,]+(?:and\\s+)?[\\p{L}.'-]+){0,7}\\.?$");
    /** Openings of outlet link lists and tags: "Related: ...", "Tags: ...". */
    private static final List<String> BOILERPLATE_OPENINGS = List.of("related:", "related coverage", "read more",
            "see also:", "more:", "tags:", "filed under", "section:", "topics:");
    /** Phrases that mark a short paragraph as outlet boilerplate wherever they occur in it. */
    private static final List<String> BOILERPLATE_MARKERS = List.of("copyright", "\u00a9", "(c) 20", "all rights reserved",
            "newsletter", "sign up", "subscribe", "originally appeared", "originally published",
            "contributed to this report", "provided by", "follow us", "click here", "stock quotes delayed",
            "may not be published", "may not be reproduced", "may not be redistributed", "this story has been");
    /** News agencies as they credit themselves in bylines and credit lines ("By Ana Ruiz, Associated Press"). */
    private static final List<String> AGENCIES = List.of("Associated Press", "Reuters", "Agence France-Presse",
            "AFP", "Bloomberg", "United Press International", "UPI", "EFE", "dpa", "Xinhua", "Kyodo", "Yonhap",
            "Anadolu", "TASS", "ANSA", "Press Trust of India", "PA Media", "Canadian Press", "AAP");
    /** Agencies' dateline credits, named as their bylines name them. */
    private static final Map<String, String> AGENCY_CREDITS = Map.of("AP", "Associated Press",
            "AFP", "Agence France-Presse", "UPI", "United Press International");
    /** Boilerplate paragraphs are short; longer ones that mention these words are story text. */
    private static final int BOILERPLATE_MAX_WORDS = 30;
    /** Marks a character {@link #straightened} drops. */
    private static final int DROP = -1;

    /** Normalises headline and body. Either may be null. */
    public NormalizedArticle normalize(String title, String body) {
        String cleanTitle = title == null ? "" : clean(stripTags(title)).replace('\n', ' ').strip();
        List<String> paragraphs = new ArrayList<>();
        NormalizedArticle.Dateline dateline = null;
        String credit = null;
        int datelineLength = 0;
        for (String raw : splitAtBlankLines(clean(paragraphTags(body == null ? "" : body)))) {
            String p = raw.replace('\n', ' ').strip();
            if (p.isEmpty()) {
                continue;
            }
            if (isBoilerplate(p)) {
                // Bylines and credit lines credit agencies; "Related:" and "Tags:" lists merely mention them.
                boolean linkList = BOILERPLATE_OPENINGS.stream().anyMatch(p.toLowerCase(Locale.ROOT)::startsWith);
                credit = credit == null && !linkList ? agencyIn(p) : credit;
            } else if (paragraphs.isEmpty()) {
                Matcher m = DATELINE.matcher(p);
                if (m.find() && isUpperCaseWord(m.group(1))) {
                    String place = m.group(1).strip();
                    int comma = place.indexOf(',');
                    dateline = new NormalizedArticle.Dateline(place, comma < 0 ? place.length() : comma);
                    datelineLength = m.end();
                    if (m.group(2) != null) {
                        String credited = m.group(2).substring(1, m.group(2).length() - 1).strip();
                        credit = credited.isEmpty() ? credit : AGENCY_CREDITS.getOrDefault(credited, credited);
                        String separator = " — ";
                        p = place + separator + p.substring(m.end());
                        datelineLength = place.length() + separator.length();
                    }
                }
                paragraphs.add(p);
            } else {
                paragraphs.add(p);
            }
        }
        return new NormalizedArticle(cleanTitle, paragraphs, dateline, credit, datelineLength);
    }

    /** The agency a byline or credit line names, or null. */
    private static String agencyIn(String paragraph) {
        for (String agency : AGENCIES) {
            int at = paragraph.indexOf(agency);
            boolean wordStart = at == 0 || at > 0 && !Character.isLetter(paragraph.charAt(at - 1));
            int end = at + agency.length();
            if (at >= 0 && wordStart && (end == paragraph.length() || !Character.isLetter(paragraph.charAt(end)))) {
                return agency;
            }
        }
        return null;
    }

    /** Decodes entities, straightens typography and collapses runs of spaces (line breaks are kept). */
    static String clean(String text) {
        String t = text;
        if (t.indexOf('&') >= 0) {
            t = Parser.unescapeEntities(t, false);
            // Entities may be double-encoded by feeds ("&amp;#8217;"): one more pass settles them.
            if (t.indexOf('&') >= 0) {
                t = Parser.unescapeEntities(t, false);
            }
        }
        if (!isAscii(t)) {
            t = Normalizer.normalize(t, Normalizer.Form.NFKC);
        }
        // Most text needs no change: runs of unchanged characters are copied in one go, and the text itself is
        // returned when nothing changed.
        StringBuilder out = null;
        int copiedTo = 0;
        boolean inSpace = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            int replacement;
            if (isHorizontalSpace(c)) {
                replacement = inSpace ? DROP : ' ';
                inSpace = true;
            } else {
                replacement = straightened(c);
                inSpace = false;
            }
            if (replacement != c) {
                if (out == null) {
                    out = new StringBuilder(t.length());
                }
                out.append(t, copiedTo, i);
                if (replacement != DROP) {
                    out.append((char) replacement);
                }
                copiedTo = i + 1;
            }
        }
        return out == null ? t : out.append(t, copiedTo, t.length()).toString();
    }

    /** Typographic quotes and dashes as plain ones; invisible characters as {@link #DROP}; others unchanged. */
    private static int straightened(char c) {
        return switch (c) {
            case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u00B4', '`' -> '\'';
            case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> '"';
            case '\u2010', '\u2011', '\u2012' -> '-';
            case '\u00AD', '\u200C', '\u200D', '\uFEFF', '\r' -> DROP; // soft hyphen, zero-width joiners
            default -> c;
        };
    }

    /**
     * The pieces between blank lines: what splitting at the pattern {@code \n\s*\n} gives (plus empty pieces,
     * which the caller drops), without running a regex over the whole body. A line break ends a piece when the
     * whitespace after it holds another line break; the separator runs to the last of those.
     */
    static List<String> splitAtBlankLines(String text) {
        List<String> pieces = new ArrayList<>();
        int pieceStart = 0;
        int lineBreak = text.indexOf('\n');
        while (lineBreak >= 0) {
            int lastBreak = -1;
            int j = lineBreak + 1;
            while (j < text.length() && isPatternSpace(text.charAt(j))) {
                if (text.charAt(j) == '\n') {
                    lastBreak = j;
                }
                j++;
            }
            if (lastBreak < 0) {
                lineBreak = text.indexOf('\n', j);
            } else {
                pieces.add(text.substring(pieceStart, lineBreak));
                pieceStart = lastBreak + 1;
                lineBreak = text.indexOf('\n', pieceStart);
            }
        }
        pieces.add(text.substring(pieceStart));
        return pieces;
    }

    /** The characters of the regex class {@code \s}. */
    private static boolean isPatternSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean isHorizontalSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0' || (c >= '\u2000' && c <= '\u200B') || c == '\u202F'
                || c == '\u205F' || c == '\u3000';
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String paragraphTags(String body) {
        return body.indexOf('<') < 0 ? body : stripTags(BLOCK_TAG.matcher(body).replaceAll("\n\n"));
    }

    private static String stripTags(String text) {
        return text.indexOf('<') < 0 ? text : TAG.matcher(text).replaceAll("");
    }

    static boolean isBoilerplate(String paragraph) {
        if (startsWithBy(paragraph) && BYLINE.matcher(paragraph).matches()) {
            return true;
        }
        if (hasMoreWordsThan(paragraph, BOILERPLATE_MAX_WORDS)) {
            return false;
        }
        String lower = paragraph.toLowerCase(Locale.ROOT);
        return BOILERPLATE_OPENINGS.stream().anyMatch(lower::startsWith) || BOILERPLATE_MARKERS.stream().anyMatch(lower::contains);
    }

    /** What every byline starts with; checked first so that ordinary paragraphs skip the byline pattern. */
    private static boolean startsWithBy(String paragraph) {
        return paragraph.length() > 2 && (paragraph.charAt(0) == 'b' || paragraph.charAt(0) == 'B')
                && (paragraph.charAt(1) == 'y' || paragraph.charAt(1) == 'Y');
    }

    /** The text after a leading dateline, or the text itself when it has none. */
    public static String withoutDateline(String paragraph) {
        Matcher m = DATELINE.matcher(paragraph);
        return m.find() && isUpperCaseWord(m.group(1)) ? paragraph.substring(m.end()) : paragraph;
    }

    /** Datelines open with a place in capitals ("SAN JOSE, Calif."); sentences rarely do. */
    private static boolean isUpperCaseWord(String place) {
        String first = place.split("[ ,]")[0];
        return first.length() >= 2 && first.equals(first.toUpperCase(Locale.ROOT));
    }

    /** Whether the text has more than {@code limit} words; stops reading once it has (story paragraphs are long). */
    static boolean hasMoreWordsThan(String text, int limit) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord && ++words > limit) {
                return true;
            }
            inWord = letter;
        }
        return false;
    }
}
