package io.newsstream.enrich;

import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Tells which language a text is written in, from character n-gram profiles of 71 languages shipped inside
 * the language-detector library (nothing is downloaded). Reads at most the first {@value #SAMPLE} characters:
 * an article's language shows long before its end. Thread-safe once built.
 */
public final class LanguageIdentifier {

    private static final int SAMPLE = 500;
    /** Below this many letters the profiles cannot tell languages apart reliably: no language is given. */
    private static final int MIN_LETTERS = 40;
    /**
     * Below this probability the text could as well be another language, or is mixed: no language is given. Lower
     * than the library's own default (0.9999), which refuses ordinary articles that quote a foreign name or two.
     */
    private static final double MIN_PROBABILITY = 0.85;
    private static final LanguageIdentifier SHARED = new LanguageIdentifier();

    private final LanguageDetector detector;
    private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingOnLargeText();

    /** One identifier for the whole process: building one reads every language's profile. */
    public static LanguageIdentifier shared() {
        return SHARED;
    }

    public LanguageIdentifier() {
        try {
            detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(new LanguageProfileReader().readAllBuiltIn())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in language profiles", e);
        }
    }

    /**
     * The text's language as its ISO 639 code (two letters where the language has them: "en", "es"), or null when
     * the text is too short or too mixed to tell.
     */
    public String identify(String text) {
        String sample = text.length() > SAMPLE ? text.substring(0, SAMPLE) : text;
        if (sample.codePoints().filter(Character::isLetter).limit(MIN_LETTERS).count() < MIN_LETTERS) {
            return null;
        }
        // Chinese has two profiles (zh-CN, zh-TW) that share the text's evidence: a language is the sum of its variants.
        Map<String, Double> byLanguage = new HashMap<>();
        for (DetectedLanguage d : detector.getProbabilities(texts.forText(sample))) {
            byLanguage.merge(d.getLocale().getLanguage(), d.getProbability(), Double::sum);
        }
        return byLanguage.entrySet().stream()
                .filter(e -> e.getValue() >= MIN_PROBABILITY)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }
}
