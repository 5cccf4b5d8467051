package io.newsstream.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxonomyTest {

    private static String builtInWithLanguages(String languages) throws IOException {
        try (InputStream in = Taxonomy.class.getResourceAsStream("default-taxonomy.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return json.replaceFirst("\\{", "{\"languages\": " + languages + ",");
        }
    }

    @Test
    void shouldReadEnglishWhenTheFileNamesNoLanguage() {
        Taxonomy builtIn = Taxonomy.builtIn();

        assertEquals(List.of("en"), builtIn.languages());
        assertTrue(builtIn.covers("en"));
        assertTrue(builtIn.covers(null), "an article whose language could not be told is read");
        assertFalse(builtIn.covers("es"));
    }

    @Test
    void shouldReduceTheLanguagesAFileListsToTheirCodes() throws IOException {
        Taxonomy t = Taxonomy.parse(builtInWithLanguages("[\"EN\", \"es-MX\", \"es\"]").getBytes(StandardCharsets.UTF_8), "test");

        assertEquals(List.of("en", "es"), t.languages());
    }

    @Test
    void shouldRefuseALanguageThatIsNoLanguageCode() throws IOException {
        byte[] json = builtInWithLanguages("[\"English\"]").getBytes(StandardCharsets.UTF_8);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Taxonomy.parse(json, "test"));
        assertTrue(refused.getMessage().contains("\"English\""), refused.getMessage());
    }
}
