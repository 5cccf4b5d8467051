package io.newsstream.ingest;

import io.newsstream.schema.RawArticle;
import java.util.List;

/**
 * The result of one ingest run.
 *
 * @param accepted articles written to the raw topic, in input order
 * @param rejected inputs refused, each with its reason (also written to the rejected topic)
 */
public record IngestReport(List<RawArticle> accepted, List<IngestOutcome.Rejected> rejected) {

    public IngestReport {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }

    public String summary() {
        return "accepted " + accepted.size() + ", rejected " + rejected.size();
    }
}
