package dev.flags.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Flag documents for the tests. */
final class Docs {
  private Docs() {}

  /** A valid document with one boolean flag {@code feature}, on. */
  static String valid(String version) {
    return valid(version, true);
  }

  static String valid(String version, boolean on) {
    return "{\"schema\":1,\"version\":\"" + version + "\",\"flags\":{\"feature\":{"
        + "\"variants\":{\"on\":true,\"off\":false},\"offVariant\":\"off\","
        + "\"fallthrough\":{\"variant\":\"" + (on ? "on" : "off") + "\"}}}}";
  }

  /** A valid document with {@code count} flags besides {@code feature}: large and repetitive. */
  static String large(String version, int count) {
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
  static String invalid(String version) {
    return "{\"schema\":1,\"version\":\"" + version + "\",\"flags\":{\"feature\":{"
        + "\"variants\":{\"on\":true,\"off\":false},\"offVariant\":\"off\","
        + "\"fallthrough\":{\"variant\":\"blue\"}}}}";
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
