package dev.flags.internal.document;

import static dev.flags.internal.document.JsonValues.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flags.DocumentLimits;
import dev.flags.Problem;
import dev.flags.internal.snapshot.Times;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The problems of one validation, in the order they are found, and the checks every reader shares:
 * field shapes (required, object, array, string, boolean, name, string list, unknown fields),
 * limits (reported in {@link Limit}'s wording), finite numbers, weights and times. Each check
 * reports at most one problem and says whether the value passed; a path ({@link Path}) is written
 * out only when a problem is reported. Not thread-safe: one per validation.
 */
final class Problems {
  /** The longest name (flag key, variant name, rule id...) and version. */
  static final int MAX_NAME_LENGTH = 256;
  /** What the weights of a rollout sum to: thousandths of a percent. */
  static final int TOTAL_WEIGHT = 100_000;
  /** What a weight counts, for messages. */
  static final String WEIGHT_UNIT = "thousandths of a percent, 100000 = 100%";

  private final DocumentLimits limits;
  private final List<Problem> problems = new ArrayList<>();
  private final ListGatherer<String> strings = new ListGatherer<>();

  Problems(DocumentLimits limits) {
    this.limits = limits;
  }

  /** Records a problem. */
  void add(Path path, String message) {
    problems.add(Problem.of(path.toString(), message));
  }

  /** Records every problem of {@code other}, in its order, after these. */
  void addAll(Problems other) {
    problems.addAll(other.problems);
  }

  /** How many problems so far: a mark for {@link #addedSince(int)}. */
  int count() {
    return problems.size();
  }

  /** Whether a problem was added after {@code mark} was taken with {@link #count()}. */
  boolean addedSince(int mark) {
    return problems.size() > mark;
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The problems in the order they were found (a view). */
  List<Problem> list() {
    return Collections.unmodifiableList(problems);
  }

  /** The value of a limit. */
  int max(Limit limit) {
    return limit.of(limits);
  }

  /** Whether {@code count} is over a limit. */
  boolean exceeds(long count, Limit limit) {
    return count > limit.of(limits);
  }

  /** Reports {@code subject} (e.g. "flag has 9 rules") as over a limit. */
  void overLimit(Path path, String subject, Limit limit) {
    add(path, limit.exceeded(subject, limits, ""));
  }

  /** As {@link #overLimit(Path, String, Limit)}, with a note after the builder method. */
  void overLimit(Path path, String subject, Limit limit, String note) {
    add(path, limit.exceeded(subject, limits, note));
  }

  /**
   * Reports {@code "<expected>, not <the value>"} unless {@code ok}.
   *
   * @return {@code ok}
   */
  boolean expect(boolean ok, JsonNode node, Path path, String expected) {
    if (!ok) {
      add(path, expected + ", not " + describe(node));
    }
    return ok;
  }

  /** Reports {@code "<expected>, not <the value>"}. */
  void mismatch(JsonNode node, Path path, String expected) {
    add(path, expected + ", not " + describe(node));
  }

  boolean object(JsonNode node, Path path, String expected) {
    return expect(node.isObject(), node, path, expected);
  }

  boolean array(JsonNode node, Path path, String expected) {
    return expect(node.isArray(), node, path, expected);
  }

  boolean nonEmptyArray(JsonNode node, Path path, String expected) {
    return expect(node.isArray() && !node.isEmpty(), node, path, expected);
  }

  /** A field that must be present; reports it missing at {@code path.field}. */
  @Nullable
  JsonNode required(JsonNode owner, Path path, String field) {
    JsonNode v = owner.get(field);
    if (v == null) {
      add(path.key(field), "required field is missing");
    }
    return v;
  }

  /** As {@link #required(JsonNode, Path, String)}, with a hint on what the field is for. */
  @Nullable
  JsonNode required(JsonNode owner, Path path, String field, String hint) {
    JsonNode v = owner.get(field);
    if (v == null) {
      add(path.key(field), "required field is missing (" + hint + ")");
    }
    return v;
  }

  /** Reports each field of {@code node} that is not in {@code allowed}, in document order. */
  void unknownFields(JsonNode node, Path path, List<String> allowed) {
    // The common case, no unknown field, without iterating the node's fields: as many of the
    // allowed fields are present as the node has fields (field names are unique).
    int known = 0;
    for (int i = 0; i < allowed.size(); i++) {
      if (node.has(allowed.get(i))) {
        known++;
      }
    }
    if (known == node.size()) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        add(path.key(f), "unknown field (expected one of " + String.join(", ", allowed) + ")");
      }
    }
  }

  /** {@code [A-Za-z0-9][A-Za-z0-9._:-]*}, checked by hand: it runs for every name in a document. */
  static boolean isName(String s) {
    if (s.isEmpty() || s.length() > MAX_NAME_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '_' && c != ':' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  /** Checks a name ({@code what}: "flag key", "variant name"...) found at {@code path.field}. */
  boolean name(String name, String what, Path path, String field) {
    if (isName(name)) {
      return true;
    }
    add(
        path.key(field),
        "invalid " + what + " '" + JsonValues.abbreviate(name) + "': use letters, digits, '.',"
            + " '_', ':' and '-', starting with a letter or digit, at most " + MAX_NAME_LENGTH
            + " characters");
    return false;
  }

  /** An optional string field such as a description: the text, or "" when absent or wrong. */
  String optionalString(JsonNode owner, Path path, String field) {
    JsonNode d = owner.get(field);
    if (d == null) {
      return "";
    }
    if (!d.isTextual()) {
      add(path.key(field), "must be a string, not " + describe(d));
      return "";
    }
    return d.asText();
  }

  /** An optional boolean field: its value, or {@code absent} when absent or wrong. */
  boolean bool(JsonNode owner, Path path, String field, boolean absent) {
    JsonNode b = owner.get(field);
    if (b == null) {
      return absent;
    }
    if (!b.isBoolean()) {
      add(path.key(field), "must be true or false, not " + describe(b));
      return absent;
    }
    return b.booleanValue();
  }

  /** The text of a non-empty string, or null after reporting. */
  @Nullable
  String nonEmptyString(JsonNode node, Path path) {
    if (!node.isTextual() || node.asText().isEmpty()) {
      add(path, "must be a non-empty string, not " + describe(node));
      return null;
    }
    return node.asText();
  }

  /** A required non-empty string field, or null after reporting. */
  @Nullable
  String requiredString(JsonNode owner, Path path, String field) {
    JsonNode v = required(owner, path, field);
    return v == null ? null : nonEmptyString(v, path.key(field));
  }

  /**
   * An optional array of strings at {@code path.field}; {@code keys} lists (context keys) are also
   * bounded by {@link Limit#KEYS_PER_LIST}.
   *
   * @return the strings that are strings (unmodifiable), empty when absent or not an array
   */
  List<String> stringList(JsonNode owner, Path path, String field, boolean keys) {
    JsonNode node = owner.get(field);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      add(path.key(field), "must be an array of strings, not " + describe(node));
      return List.of();
    }
    if (keys && exceeds(node.size(), Limit.KEYS_PER_LIST)) {
      overLimit(path.key(field), "has " + node.size() + " keys", Limit.KEYS_PER_LIST);
      return List.of();
    }
    ListGatherer<String> out = strings.start();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (item.isTextual()) {
        out.add(item.asText());
      } else {
        add(path.key(field).index(i), "must be a string, not " + describe(item));
      }
    }
    return out.finish();
  }

  /** Whether a number fits a double, reporting it if not. */
  boolean finite(JsonNode number, Path path) {
    if (JsonValues.isFinite(number)) {
      return true;
    }
    add(
        path,
        "the number " + number.asText() + " is out of range (at most about 1.8E308 in magnitude)");
    return false;
  }

  /**
   * A weight: an integer from 0 to {@link #TOTAL_WEIGHT}. Integers beyond a long are rejected, not
   * wrapped around.
   *
   * @param unit null, or what a weight counts, quoted in the message
   * @return the weight, or -1 after reporting
   */
  int weight(JsonNode w, Path path, @Nullable String unit) {
    if (w.isIntegralNumber()
        && w.canConvertToLong()
        && w.longValue() >= 0
        && w.longValue() <= TOTAL_WEIGHT) {
      return w.intValue();
    }
    add(
        path,
        "must be an integer from 0 to " + TOTAL_WEIGHT + (unit == null ? "" : " (" + unit + ")")
            + ", not " + describe(w));
    return -1;
  }

  /**
   * A time: an ISO-8601 date-time with offset, or epoch milliseconds.
   *
   * @return epoch milliseconds, or null after reporting
   */
  @Nullable
  Long time(JsonNode v, Path path) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (!v.isTextual()) {
      mismatch(v, path, "must be an ISO-8601 date-time string or epoch milliseconds");
      return null;
    }
    // The same parser reads context attributes, so rule values and attributes agree.
    long millis = Times.parseEpochMillis(v.asText());
    if (millis != Times.INVALID) {
      return millis;
    }
    add(
        path,
        "'" + v.asText() + "' is not an ISO-8601 date-time with offset"
            + " (e.g. 2026-11-22T09:00:00Z or 2026-11-22T10:00:00+01:00)");
    return null;
  }
}
