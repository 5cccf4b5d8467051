package io.newsstream.enrich;

/** What a named entity is. */
public enum EntityType {
    PERSON,
    ORGANIZATION,
    PLACE
}
