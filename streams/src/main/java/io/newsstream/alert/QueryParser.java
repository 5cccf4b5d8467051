package io.newsstream.alert;

import io.newsstream.normalize.CanonicalTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses subscription queries:
 * <pre>
 * query   := or
 * or      := and ("OR" and)*
 * and     := unary (["AND"] unary)*          adjacent terms are ANDed
 * unary   := "NOT" unary | near
 * near    := primary ["NEAR/" n primary]     both sides words or "phrases", at most n words apart
 * primary := "(" or ")" | word | "exact phrase" | field ":" (word | "phrase")
 * field   := topic | source | entity
 * </pre>
 * Operators are upper case; words match whole words, case- and accent-insensitively. A query that cannot be
 * parsed is refused with the position and the reason; so is one with nothing to look for (only NOT terms).
 */
public final class QueryParser {

    private static final Set<String> FIELDS = Set.of("topic", "source", "entity");
    private static final Pattern NEAR = Pattern.compile("NEAR/(\\d{1,3})");
    private static final Pattern FIELD = Pattern.compile("([A-Za-z]+):");

    private enum Kind { OPEN, CLOSE, AND, OR, NOT, NEAR, WORD, PHRASE, FIELD, END }

    private record Lexeme(Kind kind, String text, int position, int number) {
    }

    private final String input;
    /** Deeper nesting of parentheses and NOTs than any real subscription needs. */
    static final int MAX_DEPTH = 32;

    private final List<Lexeme> lexemes;
    private int next;
    private int depth;

    private QueryParser(String input) {
        this.input = input;
        this.lexemes = lex(input);
    }

    public static Query parse(String query) {
        if (query == null || query.isBlank()) {
            throw new QuerySyntaxException(0, "the query is empty");
        }
        QueryParser parser = new QueryParser(query);
        Query q = parser.or();
        Lexeme rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw new QuerySyntaxException(rest.position(), rest.kind() == Kind.CLOSE
                    ? "')' without a matching '('" : "unexpected '" + rest.text() + "'");
        }
        if (q.positiveTerms().isEmpty() && !hasField(q)) {
            throw new QuerySyntaxException(0, "the query has nothing to look for (only NOT terms)");
        }
        return q;
    }

    private static boolean hasField(Query q) {
        if (q instanceof Query.Field) {
            return true;
        }
        if (q instanceof Query.And a) {
            return hasField(a.left()) || hasField(a.right());
        }
        return q instanceof Query.Or o && (hasField(o.left()) || hasField(o.right()));
    }

    private Query or() {
        Query left = and();
        while (peek().kind() == Kind.OR) {
            next++;
            left = new Query.Or(left, and());
        }
        return left;
    }

    private Query and() {
        Query left = unary();
        while (true) {
            Kind k = peek().kind();
            if (k == Kind.AND) {
                next++;
                left = new Query.And(left, unary());
            } else if (k == Kind.NOT || k == Kind.OPEN || k == Kind.WORD || k == Kind.PHRASE || k == Kind.FIELD) {
                left = new Query.And(left, unary());
            } else {
                return left;
            }
        }
    }

    private Query unary() {
        if (peek().kind() == Kind.NOT) {
            Lexeme not = lexemes.get(next++);
            enter(not);
            Query negated = new Query.Not(unary());
            depth--;
            return negated;
        }
        return near();
    }

    /** Nesting is bounded, so a query of a hundred thousand '(' is refused instead of overflowing the stack. */
    private void enter(Lexeme l) {
        if (++depth > MAX_DEPTH) {
            throw new QuerySyntaxException(l.position(), "nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Query near() {
        Query left = primary();
        if (peek().kind() != Kind.NEAR) {
            return left;
        }
        Lexeme op = lexemes.get(next++);
        Query right = primary();
        if (!(left instanceof Query.Phrase l) || !(right instanceof Query.Phrase r)) {
            throw new QuerySyntaxException(op.position(), "NEAR joins two words or \"phrases\"");
        }
        return new Query.Near(l, r, op.number());
    }

    private Query primary() {
        Lexeme l = peek();
        switch (l.kind()) {
            case OPEN -> {
                next++;
                enter(l);
                Query inner = or();
                depth--;
                if (peek().kind() != Kind.CLOSE) {
                    throw new QuerySyntaxException(l.position(), "'(' is never closed");
                }
                next++;
                return inner;
            }
            case WORD, PHRASE -> {
                next++;
                return phrase(l);
            }
            case FIELD -> {
                next++;
                Lexeme value = peek();
                if (value.kind() != Kind.WORD && value.kind() != Kind.PHRASE) {
                    throw new QuerySyntaxException(value.position(), l.text() + ": needs a value");
                }
                next++;
                return new Query.Field(l.text(), value.text());
            }
            case END -> throw new QuerySyntaxException(l.position(), "the query ends where a term was expected");
            default -> throw new QuerySyntaxException(l.position(), "expected a term, found '" + l.text() + "'");
        }
    }

    private static Query.Phrase phrase(Lexeme l) {
        int wildcard = Math.max(l.text().indexOf('*'), l.text().indexOf('?'));
        if (wildcard >= 0) {
            // Silently searching "sanction" for "sanction*" would miss what the user asked for: say so instead.
            throw new QuerySyntaxException(l.position() + wildcard + (l.kind() == Kind.PHRASE ? 1 : 0),
                    "wildcards are not supported: list the forms (sanction OR sanctions)");
        }
        List<String> words = CanonicalTokens.of(l.text());
        if (words.isEmpty()) {
            throw new QuerySyntaxException(l.position(), "'" + l.text() + "' has no searchable words");
        }
        return new Query.Phrase(words);
    }

    private Lexeme peek() {
        return lexemes.get(next);
    }

    private static List<Lexeme> lex(String s) {
        List<Lexeme> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(new Lexeme(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), i, 0));
                i++;
            } else if (c == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    throw new QuerySyntaxException(i, "the quote opened here is never closed");
                }
                out.add(new Lexeme(Kind.PHRASE, s.substring(i + 1, end), i, 0));
                i = end + 1;
            } else {
                int end = i;
                while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && "()\"".indexOf(s.charAt(end)) < 0) {
                    end++;
                }
                String word = s.substring(i, end);
                Matcher field = FIELD.matcher(word);
                if (field.lookingAt() && (word.length() > field.end() || end < s.length() && s.charAt(end) == '"')) {
                    String name = field.group(1);
                    if (!FIELDS.contains(name)) {
                        throw new QuerySyntaxException(i, "unknown field '" + name + "' (fields: topic, source, entity)");
                    }
                    out.add(new Lexeme(Kind.FIELD, name, i, 0));
                    i += field.end();
                    continue;
                }
                out.add(operator(word, i));
                i = end;
            }
        }
        out.add(new Lexeme(Kind.END, "", s.length(), 0));
        return out;
    }

    private static Lexeme operator(String word, int position) {
        switch (word) {
            case "AND" -> {
                return new Lexeme(Kind.AND, word, position, 0);
            }
            case "OR" -> {
                return new Lexeme(Kind.OR, word, position, 0);
            }
            case "NOT" -> {
                return new Lexeme(Kind.NOT, word, position, 0);
            }
            default -> {
                Matcher near = NEAR.matcher(word);
                if (near.matches()) {
                    return new Lexeme(Kind.NEAR, word, position, Integer.parseInt(near.group(1)));
                }
                if (word.startsWith("NEAR/")) {
                    throw new QuerySyntaxException(position, "NEAR needs a distance in words, e.g. NEAR/5");
                }
                return new Lexeme(Kind.WORD, word, position, 0);
            }
        }
    }
}
