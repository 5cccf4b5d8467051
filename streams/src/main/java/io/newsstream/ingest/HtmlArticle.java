package io.newsstream.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The article in an HTML page: its headline and its body paragraphs, without the navigation, ads, share bars,
 * related links, comments and footers around them. Readability-style: every paragraph of some length scores its
 * container (and, half as much, the container's parent) by its length and commas; class and id names that say
 * "article" or "content" add, those that say "nav", "share", "comment", "ad" subtract; link-heavy containers lose
 * in proportion; the best container's paragraphs are the body. Pure.
 */
public final class HtmlArticle {

    /** Names of containers that hold page furniture, not the story. */
    private static final Pattern NEGATIVE = Pattern.compile(
            "(?i)(^|[-_ ])(nav|navbar|menu|footer|header|sidebar|side|share|sharing|social|comment|comments|ad|ads|advert"
                    + "|advertisement|sponsor|promo|related|recommended|newsletter|subscribe|signup|cookie|banner|popup|modal"
                    + "|breadcrumb|breadcrumbs|tags|byline-social|outbrain|taboola)([-_ ]|$)");
    /** Names of containers that hold the story. */
    private static final Pattern POSITIVE = Pattern.compile("(?i)(article|story|content|entry|post|text|body|main)");
    private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("(?is)<(p|div|br|article|span|a|h[1-6]|ul|li|html|body)[\\s>/]");
    private static final int MIN_PARAGRAPH_CHARS = 25;
    /** Never page furniture, whatever their class names say ({@code <body class="has-sidebar">}). */
    private static final java.util.Set<String> STRUCTURE = java.util.Set.of("html", "body", "main", "article");
    private static final Pattern WHOLE_PAGE = Pattern.compile("(?i)<(html|body)[\\s>]");

    /** Whether markup is a whole page (scored for its story) rather than a fragment (read whole). */
    public static boolean isPage(String html) {
        return WHOLE_PAGE.matcher(html).find();
    }

    /** Characters of paragraph text in an element: a container holding most of the page's is the story's, whatever its name. */
    private static int paragraphText(Element e) {
        return e.select("p").stream().mapToInt(p -> p.text().length()).sum();
    }

    /**
     * @param publishedAt from the page's {@code article:published_time} metadata, when present
     */
    public record Extracted(String title, String body, Optional<Instant> publishedAt) {
    }

    private HtmlArticle() {
    }

    /** Whether a text is HTML markup rather than plain text (a feed's or a JSON article's body often is). */
    public static boolean looksLikeHtml(String text) {
        return LOOKS_LIKE_HTML.matcher(text).find();
    }

    public static Extracted extract(String html) {
        Document page = Jsoup.parse(html);
        String title = title(page);
        Optional<Instant> published = meta(page, "article:published_time").flatMap(HtmlArticle::instant);
        page.select("script, style, noscript, template, nav, header, footer, aside, form, iframe, button, svg, select, "
                + "figure figcaption, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]").remove();
        int paragraphText = paragraphText(page.body());
        for (Element e : new ArrayList<>(page.body().select("*"))) {
            String names = e.className() + " " + e.id();
            if (e.parent() != null && NEGATIVE.matcher(names).find() && !POSITIVE.matcher(names).find()
                    && !STRUCTURE.contains(e.tagName()) && paragraphText(e) * 2 <= paragraphText) {
                e.remove();
            }
        }
        Element best = bestContainer(page);
        List<String> paragraphs = new ArrayList<>();
        for (Element p : (best == null ? page.body() : best).select("p, h2, h3, blockquote, li")) {
            String text = p.text().strip();
            boolean heading = p.tagName().startsWith("h");
            if (!text.isEmpty() && (heading || text.length() >= MIN_PARAGRAPH_CHARS) && linkDensity(p) < 0.5
                    && p.parents().stream().noneMatch(a -> a.tagName().equals("li") || a.tagName().equals("blockquote"))
                    && !(p.tagName().equals("li") && p.select("p").size() > 0)) {
                paragraphs.add(text);
            }
        }
        if (!paragraphs.isEmpty() && paragraphs.get(0).equals(title)) {
            paragraphs.remove(0);
        }
        return new Extracted(title, String.join("\n\n", paragraphs), published);
    }

    /**
     * A fragment of markup (a feed item's description, say) as plain text: its paragraphs and list items, scripts
     * and styles left out. Nothing is scored away: a fragment is all story.
     */
    public static String text(String html) {
        Document fragment = Jsoup.parseBodyFragment(html);
        fragment.select("script, style, noscript, template").remove();
        List<String> blocks = new ArrayList<>();
        for (Element block : fragment.body().select("p, li, h1, h2, h3, h4, blockquote")) {
            if (block.parents().stream().noneMatch(a -> a.tagName().equals("p") || a.tagName().equals("li"))
                    && !block.text().isBlank()) {
                blocks.add(block.text().strip());
            }
        }
        return blocks.isEmpty() ? fragment.body().text().strip() : String.join("\n\n", blocks);
    }

    private static Element bestContainer(Document page) {
        Map<Element, Double> scores = new HashMap<>();
        for (Element p : page.body().select("p")) {
            String text = p.text();
            if (text.length() < MIN_PARAGRAPH_CHARS || p.parent() == null) {
                continue;
            }
            double score = 1 + text.split(",").length + Math.min(text.length() / 100.0, 3);
            scores.merge(p.parent(), score, Double::sum);
            if (p.parent().parent() != null) {
                scores.merge(p.parent().parent(), score / 2, Double::sum);
            }
        }
        Element best = null;
        double bestScore = 0;
        for (Map.Entry<Element, Double> e : scores.entrySet()) {
            Element c = e.getKey();
            String names = c.className() + " " + c.id();
            double weight = (POSITIVE.matcher(names).find() ? 25 : 0) + (c.tagName().equals("article") ? 25 : 0);
            double score = (e.getValue() + weight) * (1 - linkDensity(c));
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    /** Share of an element's text inside links. */
    private static double linkDensity(Element e) {
        int all = e.text().length();
        if (all == 0) {
            return 0;
        }
        int linked = e.select("a").stream().mapToInt(a -> a.text().length()).sum();
        return Math.min(1, (double) linked / all);
    }

    private static String title(Document page) {
        Optional<String> og = meta(page, "og:title");
        if (og.isPresent()) {
            return og.get();
        }
        Element h1 = page.selectFirst("article h1, main h1, h1");
        if (h1 != null && !h1.text().isBlank()) {
            return h1.text().strip();
        }
        // "Headline | Outlet" or "Headline - Outlet": the outlet's name is not the headline.
        return page.title().replaceFirst("\\s+[|–—-]\\s+[^|–—-]{1,40}$", "").strip();
    }

    private static Optional<String> meta(Document page, String property) {
        Element m = page.selectFirst("meta[property=" + property + "], meta[name=" + property + "]");
        return m == null || m.attr("content").isBlank() ? Optional.empty() : Optional.of(m.attr("content").strip());
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
