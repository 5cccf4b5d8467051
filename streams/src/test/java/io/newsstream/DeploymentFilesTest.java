package io.newsstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Docker files checked as a linter would, since no Docker engine here can build them: base images pinned by
 * version, the image's last stage running as a user other than root with every write it needs done before
 * {@code USER}, and the compose file's broker on the Kafka version the build pins.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(\\S+)");
    private static final Pattern KAFKA_VERSION = Pattern.compile("<kafka.version>([^<]+)</kafka.version>");
    private static final Pattern KAFKA_IMAGE = Pattern.compile("image:\\s*apache/kafka:(\\S+)");

    private static List<String> instructions() throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(ROOT.resolve("docker/Dockerfile"))) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            current.append(t.endsWith("\\") ? t.substring(0, t.length() - 1) + " " : t);
            if (!t.endsWith("\\")) {
                lines.add(current.toString());
                current.setLength(0);
            }
        }
        return lines;
    }

    @Test
    void shouldPinEveryBaseImageByVersion() throws IOException {
        List<String> images = instructions().stream().map(FROM::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
        assertFalse(images.isEmpty());
        for (String image : images) {
            int colon = image.lastIndexOf(':');
            assertTrue(colon > 0, image + " has no tag");
            String tag = image.substring(colon + 1).toLowerCase(Locale.ROOT);
            assertFalse(tag.equals("latest") || !Character.isDigit(tag.charAt(0)) && !tag.matches(".*\\d.*"), image + " is not pinned");
        }
    }

    @Test
    void shouldRunAsAnotherUserThanRootWithEveryWriteBeforeIt() throws IOException {
        List<String> all = instructions();
        int lastFrom = 0;
        for (int i = 0; i < all.size(); i++) {
            if (FROM.matcher(all.get(i)).find()) {
                lastFrom = i;
            }
        }
        List<String> stage = all.subList(lastFrom, all.size());
        int user = -1;
        for (int i = 0; i < stage.size(); i++) {
            if (stage.get(i).toUpperCase(Locale.ROOT).startsWith("USER ")) {
                user = i;
            }
        }
        assertTrue(user > 0, "the image's last stage sets a USER");
        String name = stage.get(user).substring(5).strip();
        assertFalse(name.equals("root") || name.equals("0"), "it runs as root");
        for (String after : stage.subList(user, stage.size())) {
            assertFalse(after.toUpperCase(Locale.ROOT).startsWith("RUN ") || after.toUpperCase(Locale.ROOT).startsWith("COPY "),
                    "written after USER, as a user that may not own the folder: " + after);
        }
        String writes = String.join("\n", stage.subList(0, user));
        assertTrue(writes.contains("chown") && writes.contains("/app/state"), "the state folder belongs to the user");
    }

    @Test
    void shouldRunTheBrokerOfThePinnedKafkaVersion() throws IOException {
        Matcher pinned = KAFKA_VERSION.matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(pinned.find());
        Matcher image = KAFKA_IMAGE.matcher(Files.readString(ROOT.resolve("docker/compose.yml")));
        assertTrue(image.find(), "compose runs apache/kafka");
        assertEquals(pinned.group(1), image.group(1));
    }

    @Test
    void shouldPinEveryComposeImageByVersion() throws IOException {
        Matcher image = Pattern.compile("(?m)^\\s*image:\\s*(\\S+)").matcher(Files.readString(ROOT.resolve("docker/compose.yml")));
        int images = 0;
        while (image.find()) {
            images++;
            String tag = image.group(1).substring(image.group(1).lastIndexOf(':') + 1);
            assertTrue(image.group(1).contains(":") && tag.matches(".*\\d.*") && !tag.equals("latest"),
                    image.group(1) + " is not pinned by version");
        }
        assertTrue(images >= 2, "the broker and Prometheus");
    }

    @Test
    void shouldScrapeTheMetricsPortEveryLongRunningServiceOpens() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker/compose.yml"));
        String prometheus = Files.readString(ROOT.resolve("docker/prometheus.yml"));
        Matcher port = Pattern.compile("NEWSSTREAM_METRICS_PORT: \"(\\d+)\"").matcher(compose);
        int services = 0;
        while (port.find()) {
            services++;
            assertTrue(prometheus.contains("port: " + port.group(1)), "Prometheus scrapes port " + port.group(1));
        }
        assertEquals(2, services, "the pipeline and the HTTP ingest service expose metrics");
    }
}
