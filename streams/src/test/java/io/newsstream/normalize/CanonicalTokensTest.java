package io.newsstream.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalTokensTest {

    @Test
    void shouldFoldCaseAccentsAbbreviationsAndPercent() {
        assertEquals(List.of("us", "troops", "in", "culiacan", "rose", "5", "percent"),
                CanonicalTokens.of("U.S. troops in Culiacán rose 5%"));
        assertEquals(CanonicalTokens.of("US troops in Culiacan rose 5 percent"), CanonicalTokens.of("U.S. troops in Culiacán rose 5%"));
    }

    @Test
    void shouldNotTreatInitialsOrTitlesAsAbbreviations() {
        assertEquals(List.of("j", "smith", "and", "mr", "jones"), CanonicalTokens.of("J. Smith and Mr. Jones"));
    }

    @Test
    void shouldKeepOffsetsIntoTheSourceText() {
        String text = "The U.S.-Mexico border";
        List<Token> tokens = CanonicalTokens.withOffsets(text);
        assertEquals(List.of("the", "us", "mexico", "border"), tokens.stream().map(Token::text).toList());
        assertEquals("U.S.", text.substring(tokens.get(1).start(), tokens.get(1).end()));
        assertEquals("border", text.substring(tokens.get(3).start(), tokens.get(3).end()));
    }
}
