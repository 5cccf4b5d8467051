package io.newsstream.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {

    private final LanguageIdentifier identifier = new LanguageIdentifier();

    private static final String ENGLISH = "Border agents detained dozens of people near the river crossing on Sunday, "
            + "officials said, as the state government sent more troops to patrol the area.";
    private static final String SPANISH = "Las autoridades detuvieron a decenas de personas cerca del cruce del río el "
            + "domingo, según informaron los funcionarios, mientras el gobierno enviaba más tropas a la zona.";
    private static final String GERMAN = "Die Behörden haben am Sonntag Dutzende Menschen in der Nähe des Flussübergangs "
            + "festgenommen, während die Regierung weitere Truppen in das Gebiet schickte.";
    private static final String FRENCH = "Les autorités ont arrêté des dizaines de personnes près du passage de la "
            + "rivière dimanche, tandis que le gouvernement envoyait davantage de troupes dans la région.";

    @Test
    void shouldIdentifyTheLanguageOfAParagraph() {
        assertEquals("en", identifier.identify(ENGLISH));
        assertEquals("es", identifier.identify(SPANISH));
        assertEquals("de", identifier.identify(GERMAN));
        assertEquals("fr", identifier.identify(FRENCH));
    }

    @Test
    void shouldGiveTheSameAnswerEveryTime() {
        for (int i = 0; i < 20; i++) {
            assertEquals("es", identifier.identify(SPANISH));
        }
    }

    @Test
    void shouldNotGuessFromTooLittleText() {
        assertNull(identifier.identify("Breaking: more soon"));
        assertNull(identifier.identify(""));
        assertNull(identifier.identify("12345 67890 !!! ??? 2026-12-06"));
    }

    @Test
    void shouldAnswerForAnyTextWithoutThrowing() {
        String chinese = "边境巡逻队周日在河流渡口附近拘留了数十人，官员表示，州政府向该地区派遣了更多部队进行巡逻。";
        String arabic = "احتجزت دوريات الحدود عشرات الأشخاص قرب معبر النهر يوم الأحد، وقال المسؤولون إن حكومة الولاية أرسلت مزيدا من القوات.";
        assertEquals("zh", identifier.identify(chinese));
        assertEquals("ar", identifier.identify(arabic));
        for (String odd : List.of("😀".repeat(500), "\u0000\u0001\u0002".repeat(100), "a".repeat(100_000),
                "\uD800 lone surrogate " + ENGLISH)) {
            identifier.identify(odd);
        }
    }
}
