package dev.flags.internal.document;

import dev.flags.DocumentLimits;

/**
 * A limit from {@link DocumentLimits}, with the builder method that sets it, and the two ways a
 * message names it: every over-limit problem says the maximum and how to change it.
 */
enum Limit {
  DOCUMENT_BYTES("maxDocumentBytes"),
  FLAGS("maxFlags"),
  SEGMENTS("maxSegments"),
  RULES_PER_FLAG("maxRulesPerFlag"),
  KEYS_PER_LIST("maxKeysPerList"),
  PREREQUISITE_DEPTH("maxPrerequisiteDepth"),
  NESTING_DEPTH("maxNestingDepth"),
  STRING_LENGTH("maxStringLength"),
  KEY_LENGTH("maxKeyLength"),
  NUMBER_LENGTH("maxNumberLength"),
  REGEX_REPETITION("maxRegexRepetition"),
  REGEX_PROGRAM_SIZE("maxRegexProgramSize");

  private final String setter;

  Limit(String setter) {
    this.setter = setter;
  }

  /** The limit's value in {@code limits}. */
  int of(DocumentLimits limits) {
    return switch (this) {
      case DOCUMENT_BYTES -> limits.maxDocumentBytes();
      case FLAGS -> limits.maxFlags();
      case SEGMENTS -> limits.maxSegments();
      case RULES_PER_FLAG -> limits.maxRulesPerFlag();
      case KEYS_PER_LIST -> limits.maxKeysPerList();
      case PREREQUISITE_DEPTH -> limits.maxPrerequisiteDepth();
      case NESTING_DEPTH -> limits.maxNestingDepth();
      case STRING_LENGTH -> limits.maxStringLength();
      case KEY_LENGTH -> limits.maxKeyLength();
      case NUMBER_LENGTH -> limits.maxNumberLength();
      case REGEX_REPETITION -> limits.maxRegexRepetition();
      case REGEX_PROGRAM_SIZE -> limits.maxRegexProgramSize();
    };
  }

  /**
   * The wording of a limit found while validating, where the size found is known: {@code
   * <subject>, exceeds the maximum allowed (<max>, from DocumentLimits.Builder.<setter>(int)<note>)}.
   *
   * @param subject what is over the limit, with its size ("flag has 9 rules")
   * @param limits the limits in force
   * @param note text after the builder method, or empty
   * @return the message
   */
  String exceeded(String subject, DocumentLimits limits, String note) {
    return subject + ", exceeds " + maximum(limits, "", note);
  }

  /**
   * The wording of a limit that stops reading, where the size found is not known: {@code <subject>
   * the maximum allowed (<max> <unit>, from DocumentLimits.Builder.<setter>(int))}, e.g. {@code a
   * key is longer than the maximum allowed (50000 characters, from ...)}.
   *
   * @param subject what went over, ending where the maximum follows ("a key is longer than")
   * @param limits the limits in force
   * @param unit what the limit counts ("characters"), or empty
   * @return the message
   */
  String reached(String subject, DocumentLimits limits, String unit) {
    return subject + " " + maximum(limits, unit, "");
  }

  private String maximum(DocumentLimits limits, String unit, String note) {
    return "the maximum allowed (" + of(limits) + (unit.isEmpty() ? "" : " " + unit)
        + ", from DocumentLimits.Builder." + setter + "(int)" + note + ")";
  }
}
