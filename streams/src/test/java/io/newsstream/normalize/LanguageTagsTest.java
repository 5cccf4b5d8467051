package io.newsstream.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LanguageTagsTest {

    @Test
    void shouldReduceATagToItsPrimaryLanguageInLowerCase() {
        assertEquals("en", LanguageTags.primary("en"));
        assertEquals("en", LanguageTags.primary(" EN-gb "));
        assertEquals("pt", LanguageTags.primary("pt_BR"));
        assertEquals("ast", LanguageTags.primary("ast"));
    }

    @Test
    void shouldGiveNoLanguageForWhatIsNoLanguageCode() {
        assertNull(LanguageTags.primary(null));
        assertNull(LanguageTags.primary(""));
        assertNull(LanguageTags.primary("   "));
        assertNull(LanguageTags.primary("English"));
        assertNull(LanguageTags.primary("e1"));
        assertNull(LanguageTags.primary("-en"));
    }
}
