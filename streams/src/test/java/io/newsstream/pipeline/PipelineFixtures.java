package io.newsstream.pipeline;

import io.newsstream.schema.RawArticle;
import java.time.Instant;

/** Named articles for pipeline tests: a wire story, its syndicated copies, and unrelated news. */
final class PipelineFixtures {

    static final Instant MONDAY = Instant.parse("2026-11-02T10:00:00Z");

    static final String CARTEL_LAB_RAID_BODY = "CULIACÁN, Mexico (Meridian Wire) — Mexican marines dismantled a fentanyl "
            + "laboratory run by the Sinaloa cartel, seizing precursor chemicals, the navy said.\n\n"
            + "The raid followed months of surveillance of a trafficking network that moved the drug north in produce trucks.";

    private PipelineFixtures() {
    }

    static RawArticle article(String id, String title, String body) {
        return RawArticle.newBuilder()
                .setId(id).setOrigin(id + ".json").setSource("Test Wire").setUrl("https://wire.example/" + id)
                .setTitle(title).setBody(body).setPublishedAt(MONDAY).setLanguage("en").setIngestedAt(MONDAY)
                .build();
    }

    static RawArticle cartelLabRaid() {
        return article("wire-lab-raid", "Marines dismantle cartel fentanyl lab", CARTEL_LAB_RAID_BODY);
    }

    /** The same story as run by another outlet: new headline, credit dropped, accents stripped, boilerplate added. */
    static RawArticle cartelLabRaidSyndicated() {
        String body = CARTEL_LAB_RAID_BODY.replace("CULIACÁN, Mexico (Meridian Wire)", "CULIACAN, Mexico")
                + "\n\nSign up for our morning newsletter.\n\nCopyright 2026 Valley Sentinel.";
        return article("outlet-lab-raid", "Navy takes down drug lab", body);
    }

    static RawArticle snowStorm() {
        return article("wire-storm", "Storm closes mountain passes",
                "DENVER — Heavy snow closed two highways and delayed flights on Saturday, forecasters said.");
    }

    static RawArticle borderArrests() {
        return article("wire-border", "Border Patrol arrests fall",
                "Border Patrol agents apprehended fewer migrants who crossed the border illegally near the Nogales "
                        + "port of entry in October, officials said.");
    }
}
