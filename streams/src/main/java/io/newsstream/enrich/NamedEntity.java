package io.newsstream.enrich;

import java.util.List;

/**
 * A person, organisation or place an article names, all its mentions merged.
 *
 * @param name        the fullest form: the gazetteer's name when it knows the entity, else the longest written form
 * @param type        what it is
 * @param countryCode ISO 3166-1 alpha-2 code when the entity is a country, else null
 * @param mentions    where the article names it, in order
 * @param variants    the distinct forms the article writes it in, in order of first use
 * @param aliases     every name the entity is known by: its variants and the gazetteer's alternatives
 */
public record NamedEntity(String name, EntityType type, String countryCode, List<Mention> mentions,
                          List<String> variants, List<String> aliases) {

    /** One mention: offsets into the text the entities were found in. */
    public record Mention(int start, int end) {
    }

    public NamedEntity {
        mentions = List.copyOf(mentions);
        variants = List.copyOf(variants);
        aliases = List.copyOf(aliases);
    }
}
