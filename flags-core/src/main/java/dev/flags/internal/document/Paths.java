package dev.flags.internal.document;

/**
 * Writes the steps of the dotted paths used in {@link dev.flags.Problem}: {@code
 * flags.a-b.rules[2].op}, {@code flags["a b"]}. {@link Path} and the reader's syntax errors use it.
 */
final class Paths {
  private Paths() {}

  static void appendKey(StringBuilder sb, String key) {
    if (isPlain(key)) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(key);
    } else {
      sb.append("[\"");
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\');
        }
        sb.append(c);
      }
      sb.append("\"]");
    }
  }

  static void appendIndex(StringBuilder sb, int index) {
    sb.append('[').append(index).append(']');
  }

  private static boolean isPlain(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
