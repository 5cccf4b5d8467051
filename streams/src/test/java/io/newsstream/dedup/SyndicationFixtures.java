package io.newsstream.dedup;

import java.util.List;

/**
 * Crafted articles for the matcher: one wire story, the edits syndication makes to it, and the look-alikes
 * that must stay apart. All text is written for these tests.
 */
final class SyndicationFixtures {

    static final List<String> WIRE_STORY = List.of(
            "PORTLAND, Maine (Coastline Wire) — The state harbor authority on Tuesday approved a $48 million plan to "
                    + "deepen the main shipping channel in Casco Bay, clearing the way for larger container vessels to call "
                    + "at the Portland terminal by 2028.",
            "The vote was 5-2 after a three-hour hearing in which fishermen warned that dredging would disturb lobster "
                    + "grounds near Cushing Island and conservation groups asked for a longer study of eelgrass beds.",
            "\"This channel was cut for the ships of 1970, and the ships of 2026 simply do not fit,\" authority chair "
                    + "Miriam Okafor said after the vote. \"We have listened, and the plan is better for it.\"",
            "Under the plan, contractors would remove about 1.2 million cubic yards of sediment over two winters, when "
                    + "lobster activity is lowest. Clean material would be used to rebuild eroded marsh at Scarborough.",
            "The Army Corps of Engineers is expected to issue its final permit in the spring. Federal grants would cover "
                    + "roughly 60 percent of the cost, with the rest split between the state and the terminal operator.",
            "Opponents said they would consider an appeal. \"Nobody asked the boats that fish these waters every day,\" "
                    + "said Tom Varney, who heads the Casco Bay Lobstering Cooperative.");

    static String wireStory() {
        return String.join("\n\n", WIRE_STORY);
    }

    /** Only the first two paragraphs: an abridged copy. */
    static String abridged() {
        return String.join("\n\n", WIRE_STORY.subList(0, 2));
    }

    /** A local paragraph added on top, the last one cut. */
    static String localTopAndTrimmed() {
        return "Residents of the Old Port can comment on the project at a public meeting on Thursday evening at City Hall.\n\n"
                + String.join("\n\n", WIRE_STORY.subList(0, 5));
    }

    /** Paragraphs swapped, house style applied (% and numbers), a phrase reworded. */
    static String restyled() {
        return String.join("\n\n",
                WIRE_STORY.get(0).replace("$48 million", "48 million dollars"),
                WIRE_STORY.get(2),
                WIRE_STORY.get(1).replace("after a three-hour hearing", "following a hearing that lasted three hours"),
                WIRE_STORY.get(3),
                WIRE_STORY.get(4).replace("60 percent", "60%"),
                WIRE_STORY.get(5));
    }

    /** A regional rewrite: the quotes and two key sentences verbatim, the rest paraphrased. */
    static String regionalRewrite() {
        return String.join("\n\n",
                "Larger container ships could soon reach Portland after state officials backed a $48 million dredging "
                        + "project for Casco Bay on Tuesday, despite objections from the fishing fleet.",
                WIRE_STORY.get(2),
                "Work would take place over two winters, and dredged sediment that tests clean would go to restore "
                        + "the eroded marsh at Scarborough.",
                WIRE_STORY.get(4),
                WIRE_STORY.get(5));
    }

    /** Another outlet's own report of the same vote: same facts, names and figures; its own words and quotes. */
    static String independentReport() {
        return String.join("\n\n",
                "Casco Bay's shipping channel will be dredged to admit bigger cargo ships, after the harbor authority "
                        + "voted 5-2 on Tuesday for a $48 million project opposed by local lobstermen.",
                "Chair Miriam Okafor told reporters the port could not compete without deeper water. \"Every year we "
                        + "wait, cargo goes to Boston instead,\" she said.",
                "Tom Varney of the Casco Bay Lobstering Cooperative said members were weighing legal options and "
                        + "worried about the grounds off Cushing Island.",
                "Roughly 1.2 million cubic yards of material is to be removed, mostly in winter. The Army Corps of "
                        + "Engineers still has to sign off, and federal money is expected to pay for about 60 percent.");
    }

    /** An automated earnings story: the template of the next one, with other facts. */
    static String earningsStory(String company, String city, String profit, String revenue, String eps) {
        return String.join("\n\n",
                city + " — " + company + " on Thursday reported quarterly net income of " + profit + ", or " + eps
                        + " per share, on revenue of " + revenue + ", according to a statement released after the market close.",
                "The results were compiled automatically from the company's filing. Figures are unaudited and may be "
                        + "revised. Earnings per share are diluted and exclude one-time items unless stated otherwise.",
                "This story was generated from a regulatory filing by the Markets Desk automated reporting system. "
                        + "For questions about the data, contact the markets desk. Stock quotes are delayed at least 15 minutes.");
    }

    /** A story that quotes a long official statement that another, unrelated story also quotes in full. */
    static String storyQuoting(String lead, String statement, String closing) {
        return String.join("\n\n", lead, "In a statement, the ministry said: \"" + statement + "\"", closing);
    }

    static final String MINISTRY_STATEMENT = "The government remains committed to the safety of all travellers and to "
            + "the orderly management of our ports of entry. All measures announced today are temporary, will be reviewed "
            + "every thirty days, and reflect the advice of our security agencies and of our international partners.";

    private SyndicationFixtures() {
    }
}
