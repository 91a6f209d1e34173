package dev.flags.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Flag documents for every module's tests (shared through flags-core's test jar). Small ones are
 * written with single quotes ({@link #json} turns them into double quotes) so they stay readable
 * inline; {@link #valid} and friends give the one-flag documents the HTTP tests serve.
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

  /** A valid document with one boolean flag {@code feature}, on. */
  public static String valid(String version) {
    return valid(version, true);
  }

  public static String valid(String version, boolean on) {
    return "{\"schema\":1,\"version\":\"" + version + "\",\"flags\":{\"feature\":{"
        + "\"variants\":{\"on\":true,\"off\":false},\"offVariant\":\"off\","
        + "\"fallthrough\":{\"variant\":\"" + (on ? "on" : "off") + "\"}}}}";
  }

  /** A valid document with {@code count} flags besides {@code feature}: large and repetitive. */
  public static String large(String version, int count) {
    StringBuilder sb = new StringBuilder("{\"schema\":1,\"version\":\"")
        .append(version)
        .append("\",\"flags\":{\"feature\":{\"variants\":{\"on\":true,\"off\":false},")
        .append("\"offVariant\":\"off\",\"fallthrough\":{\"variant\":\"on\"}}");
    for (int i = 0; i < count; i++) {
      sb.append(",\n  \"generated-flag-")
          .append(i)
          .append("\":{\"description\":")
          .append("\"A generated flag that makes the document large enough to compress.\",")
          .append("\"variants\":{\"on\":true,\"off\":false},\"offVariant\":\"off\",")
          .append("\"fallthrough\":{\"variant\":\"")
          .append(i % 2 == 0 ? "on" : "off")
          .append("\"}}");
    }
    return sb.append("}}").toString();
  }

  /** Valid JSON, but the fallthrough names a variant the flag does not declare. */
  public static String invalid(String version) {
    return "{\"schema\":1,\"version\":\"" + version + "\",\"flags\":{\"feature\":{"
        + "\"variants\":{\"on\":true,\"off\":false},\"offVariant\":\"off\","
        + "\"fallthrough\":{\"variant\":\"blue\"}}}}";
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
