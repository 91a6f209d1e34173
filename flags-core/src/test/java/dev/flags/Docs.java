package dev.flags;

/**
 * Small flag documents for tests, written with single quotes ({@link #json} turns them into
 * double quotes) so they stay readable inline.
 */
public final class Docs {
  private Docs() {}

  /** Replaces single quotes with double quotes. */
  public static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** A document with these flag entries ({@code 'key': {...}}), no segments. */
  public static String doc(String version, String... flags) {
    return docWithSegments(version, "", flags);
  }

  /** A document with segment entries ({@code 'key': {...}}) and flag entries. */
  public static String docWithSegments(String version, String segments, String... flags) {
    return json("{'schema': 1, 'version': '" + version + "', 'segments': {" + segments
        + "}, 'flags': {" + String.join(", ", flags) + "}}");
  }

  /** {@code 'key': {body}}. */
  public static String flag(String key, String body) {
    return "'" + key + "': {" + body + "}";
  }

  /** A boolean flag with variants on/off, off-variant off, serving {@code variant} to everyone. */
  public static String onOff(String key, String variant) {
    return flag(
        key,
        "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
            + " 'fallthrough': {'variant': '" + variant + "'}");
  }

  /** Like {@link #onOff} with more fields (e.g. {@code 'tags': ['payments']}). */
  public static String onOff(String key, String variant, String moreFields) {
    return flag(
        key,
        "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
            + " 'fallthrough': {'variant': '" + variant + "'}, " + moreFields);
  }

  /** A string flag with variants a/b/c (values "A"/"B"/"C"), off-variant a. */
  public static String abc(String key, String variant) {
    return flag(
        key,
        "'variants': {'a': 'A', 'b': 'B', 'c': 'C'}, 'offVariant': 'a',"
            + " 'fallthrough': {'variant': '" + variant + "'}");
  }
}
