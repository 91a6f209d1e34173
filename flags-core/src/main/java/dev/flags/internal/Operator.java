package dev.flags.internal;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Rule condition operators, by their name in the document. */
public enum Operator {
  IN("in", Kind.STRING_OR_NUMBER_LIST),
  NOT_IN("notIn", Kind.STRING_OR_NUMBER_LIST),
  EQUALS("equals", Kind.SCALAR),
  STARTS_WITH("startsWith", Kind.STRING_LIST),
  ENDS_WITH("endsWith", Kind.STRING_LIST),
  CONTAINS("contains", Kind.STRING_LIST),
  MATCHES("matches", Kind.REGEX_LIST),
  LT("lt", Kind.NUMBER),
  LTE("lte", Kind.NUMBER),
  GT("gt", Kind.NUMBER),
  GTE("gte", Kind.NUMBER),
  SEMVER_LT("semverLt", Kind.SEMVER),
  SEMVER_LTE("semverLte", Kind.SEMVER),
  SEMVER_EQ("semverEq", Kind.SEMVER),
  SEMVER_GTE("semverGte", Kind.SEMVER),
  SEMVER_GT("semverGt", Kind.SEMVER),
  BEFORE("before", Kind.TIME),
  AFTER("after", Kind.TIME),
  EXISTS("exists", Kind.NONE),
  IN_SEGMENT("inSegment", Kind.SEGMENT_LIST),
  NOT_IN_SEGMENT("notInSegment", Kind.SEGMENT_LIST);

  /** What a condition with this operator takes as its value(s). */
  enum Kind {
    STRING_OR_NUMBER_LIST,
    SCALAR,
    STRING_LIST,
    REGEX_LIST,
    NUMBER,
    SEMVER,
    TIME,
    NONE,
    SEGMENT_LIST
  }

  static final String NAMES =
      Arrays.stream(values()).map(o -> o.jsonName).collect(Collectors.joining(", "));

  final String jsonName;
  final Kind kind;

  Operator(String jsonName, Kind kind) {
    this.jsonName = jsonName;
    this.kind = kind;
  }

  static @Nullable Operator byName(String name) {
    for (Operator op : values()) {
      if (op.jsonName.equals(name)) {
        return op;
      }
    }
    return null;
  }

  boolean isStringOperator() {
    return kind == Kind.STRING_OR_NUMBER_LIST
        || kind == Kind.SCALAR
        || kind == Kind.STRING_LIST
        || kind == Kind.REGEX_LIST;
  }

  @Override
  public String toString() {
    return jsonName;
  }
}
