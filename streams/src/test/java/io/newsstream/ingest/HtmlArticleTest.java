package io.newsstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The article text of HTML pages written for this test: story paragraphs in, page furniture out. */
class HtmlArticleTest {

    private static final String STORY_1 = "The state harbor authority approved a $48 million plan on Tuesday to deepen the "
            + "shipping channel, clearing the way for larger container vessels to call at the port by 2028.";
    private static final String STORY_2 = "The vote was 5-2 after a three-hour hearing in which fishermen warned that "
            + "dredging would disturb lobster grounds near the island, officials said.";
    private static final String STORY_3 = "Contractors would remove about 1.2 million cubic yards of sediment over two winters, "
            + "when lobster activity is lowest.";

    /** A news page as outlets publish them: menus, a share bar, an ad, related links, comments and a footer around the story. */
    private static String page() {
        return """
                <!doctype html><html><head><title>Harbor dredging plan approved | Casco Courier</title>
                <meta property="article:published_time" content="2026-11-03T14:05:00Z">
                <script>var tracking = "Subscribe now for unlimited access to every story we publish";</script></head>
                <body>
                <header class="site-header"><a href="/">Casco Courier</a><p>Your trusted source of local news since 1898, every day.</p></header>
                <nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sports">Sports and everything else going on</a></li></ul></nav>
                <div class="share-bar"><a href="#">Share on social media with your friends and family today</a></div>
                <main><article class="story">
                  <h1>Harbor dredging plan approved</h1>
                  <p class="byline">By Jane Reporter</p>
                  <p>%s</p>
                  <div class="ad-slot"><p>Advertisement: the best mortgage rates in town, apply online in minutes today.</p></div>
                  <p>%s</p>
                  <p>%s</p>
                </article></main>
                <aside class="related"><h2>Related</h2><p><a href="/a">Ferry fares to rise next spring, board says in a long statement</a></p></aside>
                <section id="comments" class="comments"><p>Great article, but what about the seals living near the breakwater?</p></section>
                <footer><p>Copyright 2026 Casco Courier. All rights reserved. Terms of use and privacy policy.</p></footer>
                </body></html>
                """.formatted(STORY_1, STORY_2, STORY_3);
    }

    @Test
    void shouldKeepTheStoryAndDropThePageAroundIt() {
        HtmlArticle.Extracted a = HtmlArticle.extract(page());
        assertEquals("Harbor dredging plan approved", a.title());
        assertEquals(String.join("\n\n", STORY_1, STORY_2, STORY_3), a.body());
        assertEquals(Instant.parse("2026-11-03T14:05:00Z"), a.publishedAt().orElseThrow());
        for (String furniture : List.of("Subscribe", "trusted source", "Sports", "Share on", "Advertisement", "Ferry fares",
                "seals", "Copyright")) {
            assertFalse(a.body().contains(furniture), furniture + " leaked into: " + a.body());
        }
    }

    @Test
    void shouldKeepTheStoryWhenThePageWrapperHasAFurnitureName() {
        String html = "<html><body class=\"has-sidebar\"><div class=\"layout-header-offset\"><p>" + STORY_1 + "</p><p>"
                + STORY_2 + "</p></div><div class=\"sidebar\"><p>Most read: ten things to do this weekend in the city</p></div>"
                + "</body></html>";
        HtmlArticle.Extracted a = HtmlArticle.extract(html);
        assertEquals(STORY_1 + "\n\n" + STORY_2, a.body());
    }

    @Test
    void shouldTakeTheHeadlineFromTheTitleWithoutTheOutletWhenThereIsNoHeading() {
        String html = "<html><head><title>Bridge closed for repairs - Daily Ledger</title></head><body><div id=\"content\">"
                + "<p>" + STORY_1 + "</p><p>" + STORY_2 + "</p></div></body></html>";
        HtmlArticle.Extracted a = HtmlArticle.extract(html);
        assertEquals("Bridge closed for repairs", a.title());
        assertEquals(STORY_1 + "\n\n" + STORY_2, a.body());
    }

    @Test
    void shouldReadHtmlFilesAndHtmlBodiesThroughTheParser() {
        ArticleParser parser = new ArticleParser(1_000_000, 300);
        Instant now = Instant.parse("2026-12-06T08:00:00Z");
        IngestOutcome file = parser.parse("page.html", page().getBytes(StandardCharsets.UTF_8), ArticleParser.formatOf("page.html"), now);
        IngestOutcome.Accepted accepted = assertInstanceOf(IngestOutcome.Accepted.class, file);
        assertEquals("Harbor dredging plan approved", accepted.article().getTitle());
        assertTrue(accepted.article().getBody().startsWith("The state harbor authority"), accepted.article().getBody());
        assertEquals(Instant.parse("2026-11-03T14:05:00Z"), accepted.article().getPublishedAt());

        String json = "{\"title\": \"Short item\", \"body\": \"<p>Ferry fares rise.</p><p>The board <b>voted</b> 5-2.</p>\"}";
        IngestOutcome item = parser.parse("item.json", json.getBytes(StandardCharsets.UTF_8), ArticleParser.Format.JSON, now);
        assertEquals("Ferry fares rise.\n\nThe board voted 5-2.",
                assertInstanceOf(IngestOutcome.Accepted.class, item).article().getBody(), "a fragment is read whole");

        IngestOutcome empty = parser.parse("menu.html", "<html><body><nav><a href=/>Home</a></nav></body></html>"
                .getBytes(StandardCharsets.UTF_8), ArticleParser.Format.HTML, now);
        assertTrue(assertInstanceOf(IngestOutcome.Rejected.class, empty).reason().contains("no article text"));
    }
}
