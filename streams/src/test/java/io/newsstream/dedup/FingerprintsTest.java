package io.newsstream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.newsstream.normalize.CanonicalTokens;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private static final String WIRE_STORY = "Border Patrol agents in the Tucson sector recorded 18,400 apprehensions in "
            + "October, the third monthly decline in a row, officials said on Monday. Sector chief Dana Whitcomb said new "
            + "surveillance towers had shifted crossings toward remote desert areas, where rescues have risen.";

    @Test
    void shouldHashEqualTokenSequencesEquallyWhateverTheirStyle() {
        List<String> a = CanonicalTokens.of(WIRE_STORY);
        List<String> b = CanonicalTokens.of(WIRE_STORY.toUpperCase().replace("18,400", "18,400"));
        assertEquals(Fingerprints.exactHash(a), Fingerprints.exactHash(b));
        assertEquals(32, Fingerprints.exactHash(a).length());
    }

    @Test
    void shouldHashDifferentTextsDifferently() {
        assertNotEquals(Fingerprints.exactHash(CanonicalTokens.of(WIRE_STORY)),
                Fingerprints.exactHash(CanonicalTokens.of(WIRE_STORY.replace("Monday", "Tuesday"))));
    }
}
