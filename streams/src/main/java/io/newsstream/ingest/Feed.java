package io.newsstream.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** An RSS 2.0 or Atom feed's items, as read from its XML. Pure. */
public final class Feed {

    /**
     * One item.
     *
     * @param key  what identifies it across polls: its GUID (RSS) or id (Atom), else its link
     * @param body its content, else its description or summary (often HTML)
     */
    public record Item(String key, String title, String link, String body, Optional<Instant> publishedAt) {
    }

    /** @param title the feed's own title: the source of its articles */
    public record Parsed(String title, List<Item> items) {
    }

    private Feed() {
    }

    /**
     * @throws IllegalArgumentException when the document is neither RSS nor Atom
     */
    public static Parsed parse(String xml) {
        Document doc = Jsoup.parse(xml, "", Parser.xmlParser());
        Element rss = doc.selectFirst("rss > channel, rdf|RDF > channel");
        if (rss != null) {
            List<Item> items = new ArrayList<>();
            for (Element item : doc.select("item")) {
                String link = text(item, "link");
                String key = firstNonBlank(text(item, "guid"), link);
                String body = firstNonBlank(text(item, "content|encoded"), text(item, "description"));
                items.add(new Item(key, text(item, "title"), link, body, rfc1123(text(item, "pubDate"))
                        .or(() -> iso(text(item, "dc|date")))));
            }
            return new Parsed(text(rss, "title"), items);
        }
        Element atom = doc.selectFirst("feed");
        if (atom != null) {
            List<Item> items = new ArrayList<>();
            for (Element entry : atom.select("entry")) {
                Element alternate = entry.selectFirst("link[rel=alternate], link:not([rel])");
                String link = alternate == null ? "" : alternate.attr("href");
                items.add(new Item(firstNonBlank(text(entry, "id"), link), text(entry, "title"), link,
                        firstNonBlank(text(entry, "content"), text(entry, "summary")),
                        iso(firstNonBlank(text(entry, "published"), text(entry, "updated")))));
            }
            return new Parsed(text(atom, "title"), items);
        }
        throw new IllegalArgumentException("not an RSS or Atom feed (no <rss><channel> and no <feed>)");
    }

    private static String text(Element parent, String child) {
        Element e = parent.selectFirst("> " + child);
        return e == null ? "" : e.text().strip();
    }

    private static String firstNonBlank(String a, String b) {
        return a.isBlank() ? b : a;
    }

    private static Optional<Instant> rfc1123(String text) {
        try {
            return text.isBlank() ? Optional.empty() : Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> iso(String text) {
        try {
            return text.isBlank() ? Optional.empty() : Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
