package io.newsstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsstream.cli.Newsstream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code process} end to end, as a user runs it: no bootstrap servers, so it starts its own embedded broker,
 * runs the real pipeline and writes the JSON Lines contract.
 */
class ProcessCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEV_CORPUS = Path.of("../../shared/corpus/dev");

    @TempDir
    Path dir;

    private List<JsonNode> process(Path input, String... more) throws IOException {
        Path output = dir.resolve("out.jsonl");
        List<String> args = new ArrayList<>(List.of("process", "--input", input.toString(), "--output", output.toString(),
                "--set", "state.dir=" + PipelineScenario.testDir("process-state").resolve(dir.getFileName())));
        args.addAll(List.of(more));
        int exit = Newsstream.commandLine().execute(args.toArray(String[]::new));
        assertEquals(0, exit);
        return readLines(output);
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static void assertContract(JsonNode line) {
        for (String field : List.of("id", "origin", "title", "topics", "dedup")) {
            assertTrue(line.has(field), "missing " + field + " in " + line);
        }
        JsonNode dedup = line.get("dedup");
        assertTrue(Set.of("original", "copy").contains(dedup.get("status").asText()), line.toString());
        for (String field : List.of("clusterId", "canonicalId", "similarity")) {
            assertTrue(dedup.has(field), "missing dedup." + field + " in " + line);
        }
        for (JsonNode topic : line.get("topics")) {
            double score = topic.get("score").asDouble();
            assertTrue(topic.has("label") && score >= 0 && score <= 1, line.toString());
        }
    }

    @Test
    void shouldProcessTheBuiltInSamplesIntoTheJsonLinesContract() throws IOException {
        Path samples = dir.resolve("samples");
        Files.createDirectories(samples);
        List<String> names = new String(resource("index.txt"), StandardCharsets.UTF_8).lines().toList();
        for (String name : names) {
            Files.write(samples.resolve(name), resource(name));
        }
        Path subscriptions = dir.resolve("subscriptions.jsonl");
        Files.writeString(subscriptions, """
                {"id": "labs", "query": "fentanyl NEAR/3 lab"}
                {"id": "nothing", "query": "\\"volcanic eruption\\""}
                """);
        Path alertsFile = dir.resolve("alerts.jsonl");
        List<JsonNode> lines = process(samples, "--subscriptions", subscriptions.toString(), "--alerts-output", alertsFile.toString());
        assertEquals(names.size(), lines.size());
        lines.forEach(ProcessCommandIT::assertContract);
        Set<String> clusters = new HashSet<>();
        lines.forEach(l -> clusters.add(l.get("dedup").get("clusterId").asText()));
        assertTrue(clusters.size() < lines.size(), "the samples include syndicated copies");

        // The lab raid ran in two outlets: one story, one alert.
        List<JsonNode> alerts = readLines(alertsFile);
        assertEquals(1, alerts.size(), alerts.toString());
        JsonNode alert = alerts.get(0);
        for (String field : List.of("subscriptionId", "articleId", "origin", "clusterId", "matched")) {
            assertTrue(alert.has(field), "missing " + field + " in " + alert);
        }
        assertEquals("labs", alert.get("subscriptionId").asText());
        assertTrue(alert.get("origin").asText().startsWith("lab-raid"), alert.toString());
        long labRaidCopies = lines.stream().filter(l -> l.get("dedup").get("clusterId").asText().equals(alert.get("clusterId").asText())).count();
        assertEquals(2, labRaidCopies);
    }

    @Test
    void shouldRefuseAnInvalidSubscriptionBeforeRunningAnything() throws IOException {
        Path subscriptions = dir.resolve("subscriptions.jsonl");
        Files.writeString(subscriptions, "{\"id\": \"broken\", \"query\": \"(cartel OR\"}\n");
        int exit = Newsstream.commandLine().execute("process", "--input", dir.toString(), "--output", dir.resolve("o.jsonl").toString(),
                "--subscriptions", subscriptions.toString(), "--alerts-output", dir.resolve("a.jsonl").toString());
        assertEquals(2, exit);
        assertTrue(Files.notExists(dir.resolve("o.jsonl")));
    }

    @Test
    void shouldWriteOneLinePerArticleOfTheDevCorpus() throws IOException {
        assumeTrue(Files.isDirectory(DEV_CORPUS.resolve("articles")), "no ../shared/corpus/dev in this checkout");
        List<JsonNode> lines = process(DEV_CORPUS.resolve("articles"));
        assertEquals(100, lines.size());
        lines.forEach(ProcessCommandIT::assertContract);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ProcessCommandIT.class.getResourceAsStream("/io/newsstream/samples/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("reliability")
    void shouldProcessTheGoodFilesBesideEveryKindOfBadOneAndReportEachRejection() throws IOException {
        Path in = Files.createDirectories(dir.resolve("catalogue"));
        String body = "Customs officers seized forty crates of fuel at the port on Monday, the harbour authority said.";
        Files.writeString(in.resolve("good-1.txt"), "Port seizure\r\n\r\n" + body);
        Files.writeString(in.resolve("good-2.txt"), "Fuel crates held\r\r" + body + " More crates followed.");
        Files.writeString(in.resolve("good-ansi.json"), "{\"title\": \"\\u001b[31mPort\\u001b[0m closes\", \"body\": \"" + body + " It closed.\"}");
        Files.write(in.resolve("good-utf16.txt"), concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                ("Caf\u00e9 reopens\n\n" + body + " The caf\u00e9 reopened.").getBytes(StandardCharsets.UTF_16LE)));
        Files.write(in.resolve("empty.txt"), new byte[0]);
        Files.writeString(in.resolve("blank-body.txt"), "Headline\n\n   \n");
        Files.write(in.resolve("zero.json"), new byte[0]);
        Files.writeString(in.resolve("wrong-shape.json"), "[1, 2, 3]");
        Files.writeString(in.resolve("deep.json"), "{\"body\": " + "[".repeat(20_000) + "]".repeat(20_000) + "}");
        Files.writeString(in.resolve("truncated.json"), "{\"body\": \"Customs officers sei");
        byte[] garbage = new byte[2048];
        new java.util.Random(5).nextBytes(garbage);
        Files.write(in.resolve("garbage.txt"), garbage);
        Files.write(in.resolve("latin1.txt"), "Caf\u00e9\n\nbody".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(in.resolve("long-headline.txt"), "H".repeat(10_000) + "\n\n" + body);
        Files.writeString(in.resolve("big.txt"), "Headline\n\n" + "x".repeat(2_000_000));
        Path output = dir.resolve("catalogue.jsonl");
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = Newsstream.commandLine();
        cli.setErr(new java.io.PrintWriter(err));
        int exit = cli.execute("process", "--input", in.toString(), "--output", output.toString(),
                "--set", "state.dir=" + PipelineScenario.testDir("process-state").resolve(dir.getFileName() + "-catalogue"));
        assertEquals(1, exit, "some inputs were rejected: " + err);
        List<JsonNode> out = readLines(output);
        assertEquals(Set.of("good-1.txt", "good-2.txt", "good-ansi.json", "good-utf16.txt"),
                out.stream().map(l -> l.get("origin").asText()).collect(java.util.stream.Collectors.toSet()));
        assertEquals("Port closes", out.stream().filter(l -> l.get("origin").asText().equals("good-ansi.json"))
                .findFirst().orElseThrow().get("title").asText());
        for (String rejected : List.of("empty.txt", "blank-body.txt", "zero.json", "wrong-shape.json", "deep.json",
                "truncated.json", "garbage.txt", "latin1.txt", "long-headline.txt", "big.txt")) {
            assertTrue(err.toString().contains("rejected " + rejected + ": "), rejected + " in " + err);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
