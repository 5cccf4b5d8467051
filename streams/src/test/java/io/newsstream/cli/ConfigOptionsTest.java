package io.newsstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newsstream.config.NewsstreamConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flags and --set settings together: a flag not given never hides the setting. */
class ConfigOptionsTest {

    @Test
    void shouldKeepASettingGivenWithSetWhenItsFlagIsAbsent() {
        ConfigOptions options = new ConfigOptions();
        options.settings = Map.of("classifier.model", "rules", "taxonomy", "/tmp/t.json");
        NewsstreamConfig config = options.build(null);
        assertEquals("rules", config.classifierModel());
        assertEquals(Path.of("/tmp/t.json"), config.taxonomyFile().orElseThrow());
    }

    @Test
    void shouldLetAFlagWinOverTheSameSetting() {
        ConfigOptions options = new ConfigOptions();
        options.settings = Map.of("classifier.model", "rules");
        options.model = "/tmp/m.model";
        assertEquals("/tmp/m.model", options.build(null).classifierModel());
    }
}
