package io.newsstream.ingest;

/**
 * The result of one ingest run, in counts: an archive of any size is reported without keeping its articles.
 *
 * @param accepted                 articles written to the raw topic
 * @param rejected                 inputs refused, each with its reason (also written to the rejected topic)
 * @param controlCharactersRemoved control characters and terminal escapes removed from accepted articles
 */
public record IngestReport(long accepted, long rejected, long controlCharactersRemoved) {

    public long inputs() {
        return accepted + rejected;
    }

    public String summary() {
        return inputs() + " inputs: accepted " + accepted + ", rejected " + rejected
                + (controlCharactersRemoved == 0 ? "" : " (" + controlCharactersRemoved + " control characters removed)");
    }
}
