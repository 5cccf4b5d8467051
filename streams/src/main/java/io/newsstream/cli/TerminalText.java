package io.newsstream.cli;

/**
 * Text from articles made safe to print on a terminal: any control character (a terminal would interpret ESC as
 * the start of a command: colours, the window title, worse) is shown as a visible {@code \\uXXXX} escape instead.
 * Ingest already removes control characters; this guards what reaches a terminal from any topic.
 */
final class TerminalText {

    private TerminalText() {
    }

    static String safe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F && c <= 0x9F;
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
