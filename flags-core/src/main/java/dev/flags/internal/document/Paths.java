package dev.flags.internal.document;

/** Builds the dotted paths used in {@link dev.flags.Problem}: {@code flags.a-b.rules[2].op}. */
final class Paths {
  private Paths() {}

  static String key(String parent, String key) {
    StringBuilder sb = new StringBuilder(parent.length() + key.length() + 4);
    if (!"$".equals(parent)) {
      sb.append(parent);
    }
    appendKey(sb, key);
    return sb.toString();
  }

  static String index(String parent, int index) {
    StringBuilder sb = new StringBuilder(parent.length() + 6);
    if (!"$".equals(parent)) {
      sb.append(parent);
    }
    appendIndex(sb, index);
    return sb.toString();
  }

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
