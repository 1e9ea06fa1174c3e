import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Just enough JSON writing for the tools in test/java/, so they need no JSON library from the RocketMQ classpath.
 * Everything outside printable ASCII is written as a \\uXXXX escape: the output is pure ASCII, and lone surrogates
 * (legal in a Java or JavaScript string, not in UTF-8) reach JSON.parse on the Node side unchanged.
 */
final class Json {
    private Json() {
    }

    /** stdout that flushes every line, so the reader sees each message as soon as it is consumed. */
    /** Not flushed per line: the programs flush after each batch of lines (a write per message cost the latency bench CPU). */
    static final PrintStream OUT = new PrintStream(System.out, false, StandardCharsets.UTF_8);

    static StringBuilder string(StringBuilder out, String text) {
        if (text == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"');
    }

    static StringBuilder field(StringBuilder out, String name, String value) {
        return string(string(out, name).append(':'), value);
    }

    static StringBuilder field(StringBuilder out, String name, long value) {
        return string(out, name).append(':').append(value);
    }

    /** A JSON object of string values, in the map's own iteration order. */
    static StringBuilder object(StringBuilder out, Map<String, String> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            field(out, entry.getKey(), entry.getValue());
        }
        return out.append('}');
    }
}
