package dev.flags;

/**
 * Limits applied when reading a flag document, so that a hostile or broken document cannot
 * exhaust memory or CPU. A document over any limit is rejected with a message that names the
 * limit and the setting to change. Immutable and thread-safe.
 *
 * <pre>{@code
 * DocumentLimits limits = DocumentLimits.newBuilder().maxFlags(50_000).build();
 * Flags flags = Flags.newBuilder().limits(limits).document(json).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class DocumentLimits {
  /** Default for {@link Builder#maxDocumentBytes(int)}: 64 MiB. */
  public static final int DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
  /** Default for {@link Builder#maxNestingDepth(int)}. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
  /** Default for {@link Builder#maxStringLength(int)}: 1 MiB characters. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 1024 * 1024;
  /** Default for {@link Builder#maxKeyLength(int)}: 50,000 characters. */
  public static final int DEFAULT_MAX_KEY_LENGTH = 50_000;
  /** Default for {@link Builder#maxNumberLength(int)}: 1,000 digits. */
  public static final int DEFAULT_MAX_NUMBER_LENGTH = 1_000;
  /** Default for {@link Builder#maxFlags(int)}. */
  public static final int DEFAULT_MAX_FLAGS = 50_000;
  /** Default for {@link Builder#maxSegments(int)}. */
  public static final int DEFAULT_MAX_SEGMENTS = 10_000;
  /** Default for {@link Builder#maxRulesPerFlag(int)}. */
  public static final int DEFAULT_MAX_RULES_PER_FLAG = 1_000;
  /** Default for {@link Builder#maxKeysPerList(int)}. */
  public static final int DEFAULT_MAX_KEYS_PER_LIST = 1_000_000;

  /** Default for {@link Builder#maxPrerequisiteDepth(int)}. */
  public static final int DEFAULT_MAX_PREREQUISITE_DEPTH = 100;
  /** Default for {@link Builder#maxRegexRepetition(int)}: 1,000, as RE2 allows. */
  public static final int DEFAULT_MAX_REGEX_REPETITION = 1_000;
  /**
   * Default for {@link Builder#maxRegexProgramSize(int)}: 250 instructions, which keeps one
   * evaluation of a {@code matches} condition on a 100-character value below a millisecond.
   */
  public static final int DEFAULT_MAX_REGEX_PROGRAM_SIZE = 250;

  private static final DocumentLimits DEFAULTS = newBuilder().build();

  private final int maxDocumentBytes;
  private final int maxNestingDepth;
  private final int maxStringLength;
  private final int maxKeyLength;
  private final int maxNumberLength;
  private final int maxFlags;
  private final int maxSegments;
  private final int maxRulesPerFlag;
  private final int maxKeysPerList;
  private final int maxPrerequisiteDepth;
  private final int maxRegexRepetition;
  private final int maxRegexProgramSize;

  private DocumentLimits(Builder b) {
    this.maxDocumentBytes = b.maxDocumentBytes;
    this.maxNestingDepth = b.maxNestingDepth;
    this.maxStringLength = b.maxStringLength;
    this.maxKeyLength = b.maxKeyLength;
    this.maxNumberLength = b.maxNumberLength;
    this.maxFlags = b.maxFlags;
    this.maxSegments = b.maxSegments;
    this.maxRulesPerFlag = b.maxRulesPerFlag;
    this.maxKeysPerList = b.maxKeysPerList;
    this.maxPrerequisiteDepth = b.maxPrerequisiteDepth;
    this.maxRegexRepetition = b.maxRegexRepetition;
    this.maxRegexProgramSize = b.maxRegexProgramSize;
  }

  /**
   * The default limits.
   *
   * @return the defaults
   */
  public static DocumentLimits defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the largest accepted document, in bytes.
   *
   * @return the largest accepted document, in bytes
   */
  public int maxDocumentBytes() {
    return maxDocumentBytes;
  }

  /**
   * Returns the deepest accepted nesting of JSON arrays and objects.
   *
   * @return the deepest accepted nesting of JSON arrays and objects
   */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  /**
   * Returns the longest accepted JSON string, in characters.
   *
   * @return the longest accepted JSON string, in characters
   */
  public int maxStringLength() {
    return maxStringLength;
  }

  /**
   * Returns the longest accepted object key, in characters.
   *
   * @return the longest accepted object key, in characters
   */
  public int maxKeyLength() {
    return maxKeyLength;
  }

  /**
   * Returns the longest accepted JSON number, in digits.
   *
   * @return the longest accepted JSON number, in digits
   */
  public int maxNumberLength() {
    return maxNumberLength;
  }

  /**
   * Returns the most flags a document may hold.
   *
   * @return the most flags a document may hold
   */
  public int maxFlags() {
    return maxFlags;
  }

  /**
   * Returns the most segments a document may hold.
   *
   * @return the most segments a document may hold
   */
  public int maxSegments() {
    return maxSegments;
  }

  /**
   * Returns the most rules one flag may hold.
   *
   * @return the most rules one flag may hold
   */
  public int maxRulesPerFlag() {
    return maxRulesPerFlag;
  }

  /**
   * Returns the most keys one target list, segment list or condition value list may hold.
   *
   * @return the most keys one target list, segment list or condition value list may hold
   */
  public int maxKeysPerList() {
    return maxKeysPerList;
  }

  /**
   * Returns the longest accepted chain of prerequisites (flag to prerequisite edges).
   *
   * @return the longest accepted chain of prerequisites (flag to prerequisite edges)
   */
  public int maxPrerequisiteDepth() {
    return maxPrerequisiteDepth;
  }

  /**
   * Returns the most times nested counted repetitions of a regular expression may repeat their
   * innermost part (their counts multiplied).
   *
   * @return the largest accepted product of nested counted repetitions in a regular expression
   */
  public int maxRegexRepetition() {
    return maxRegexRepetition;
  }

  /**
   * Returns the largest accepted program of a regular expression, in instructions, as estimated
   * before compiling.
   *
   * @return the largest accepted program of a regular expression, in instructions
   */
  public int maxRegexProgramSize() {
    return maxRegexProgramSize;
  }

  @Override
  public String toString() {
    return "DocumentLimits{maxDocumentBytes=" + maxDocumentBytes
        + ", maxNestingDepth=" + maxNestingDepth
        + ", maxStringLength=" + maxStringLength
        + ", maxKeyLength=" + maxKeyLength
        + ", maxNumberLength=" + maxNumberLength
        + ", maxFlags=" + maxFlags
        + ", maxSegments=" + maxSegments
        + ", maxRulesPerFlag=" + maxRulesPerFlag
        + ", maxKeysPerList=" + maxKeysPerList
        + ", maxPrerequisiteDepth=" + maxPrerequisiteDepth
        + ", maxRegexRepetition=" + maxRegexRepetition
        + ", maxRegexProgramSize=" + maxRegexProgramSize + "}";
  }

  /**
   * Builds {@link DocumentLimits}. Every setter rejects values below 1. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private int maxDocumentBytes = DEFAULT_MAX_DOCUMENT_BYTES;
    private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
    private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
    private int maxKeyLength = DEFAULT_MAX_KEY_LENGTH;
    private int maxNumberLength = DEFAULT_MAX_NUMBER_LENGTH;
    private int maxFlags = DEFAULT_MAX_FLAGS;
    private int maxSegments = DEFAULT_MAX_SEGMENTS;
    private int maxRulesPerFlag = DEFAULT_MAX_RULES_PER_FLAG;
    private int maxKeysPerList = DEFAULT_MAX_KEYS_PER_LIST;
    private int maxPrerequisiteDepth = DEFAULT_MAX_PREREQUISITE_DEPTH;
    private int maxRegexRepetition = DEFAULT_MAX_REGEX_REPETITION;
    private int maxRegexProgramSize = DEFAULT_MAX_REGEX_PROGRAM_SIZE;

    private Builder() {}

    /**
     * Sets the largest accepted document size.
     *
     * @param bytes the largest accepted document, in bytes
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxDocumentBytes(int bytes) {
      this.maxDocumentBytes = positive("maxDocumentBytes", bytes);
      return this;
    }

    /**
     * Sets the deepest accepted nesting.
     *
     * @param depth the deepest accepted nesting of JSON arrays and objects (at least 8: a
     *     condition's value list sits 8 deep; at most 1000, the deepest JSON value a variant can
     *     serve)
     * @return this builder
     * @throws IllegalArgumentException if below 8 or above 1000
     */
    public Builder maxNestingDepth(int depth) {
      if (depth < 8) {
        throw new IllegalArgumentException(
            "maxNestingDepth must be at least 8 (the document format itself nests 8 deep) but was "
                + depth);
      }
      if (depth > 1000) {
        // Variant values are written back to JSON text, which Jackson refuses beyond 1000 levels.
        throw new IllegalArgumentException(
            "maxNestingDepth must be at most 1000 (the deepest JSON value a variant can serve) but"
                + " was " + depth);
      }
      this.maxNestingDepth = depth;
      return this;
    }

    /**
     * Sets the longest accepted string.
     *
     * @param length the longest accepted JSON string, in characters
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxStringLength(int length) {
      this.maxStringLength = positive("maxStringLength", length);
      return this;
    }

    /**
     * Sets the longest accepted object key. Keys are also bounded by {@link
     * #maxStringLength(int)}, whichever is lower.
     *
     * @param length the longest accepted object key, in characters
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxKeyLength(int length) {
      this.maxKeyLength = positive("maxKeyLength", length);
      return this;
    }

    /**
     * Sets the longest accepted number. Reading a number costs time that grows faster than its
     * length.
     *
     * @param digits the longest accepted JSON number, in digits (of its integer part, fraction and
     *     exponent together)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxNumberLength(int digits) {
      this.maxNumberLength = positive("maxNumberLength", digits);
      return this;
    }

    /**
     * Sets the most flags a document may hold.
     *
     * @param flags the most flags a document may hold
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxFlags(int flags) {
      this.maxFlags = positive("maxFlags", flags);
      return this;
    }

    /**
     * Sets the most segments a document may hold.
     *
     * @param segments the most segments a document may hold
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxSegments(int segments) {
      this.maxSegments = positive("maxSegments", segments);
      return this;
    }

    /**
     * Sets the most rules one flag (or segment) may hold.
     *
     * @param rules the most rules one flag may hold
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxRulesPerFlag(int rules) {
      this.maxRulesPerFlag = positive("maxRulesPerFlag", rules);
      return this;
    }

    /**
     * Sets the most keys one list may hold.
     *
     * @param keys the most keys one target list, segment list or condition value list may hold
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxKeysPerList(int keys) {
      this.maxKeysPerList = positive("maxKeysPerList", keys);
      return this;
    }

    /**
     * Sets the longest accepted chain of prerequisites.
     *
     * @param depth the longest accepted chain of prerequisites (a flag whose prerequisite has a
     *     prerequisite is a chain of 2); bounds the recursion of loading and evaluation
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxPrerequisiteDepth(int depth) {
      this.maxPrerequisiteDepth = positive("maxPrerequisiteDepth", depth);
      return this;
    }

    /**
     * Sets the most times nested counted repetitions of a regular expression may repeat their
     * innermost part. The counts of {@code x{n}}, {@code x{n,m}} (its upper bound) and {@code
     * x{n,}} (its lower bound) multiply when nested: {@code ((a{10}){20}){30}} repeats 6,000 times.
     * Checked before compiling, so a regex that would need gigabytes to compile is rejected at
     * once. A single count cannot exceed 1,000 whatever this says: RE2 syntax allows no more.
     *
     * @param repetition the largest accepted product of nested counted repetitions
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxRegexRepetition(int repetition) {
      this.maxRegexRepetition = positive("maxRegexRepetition", repetition);
      return this;
    }

    /**
     * Sets the largest accepted program of a regular expression, estimated from its text before
     * compiling (never much below what RE2/J compiles it to). One evaluation of a {@code matches}
     * condition costs up to about this many steps per character of the value, so this bounds the
     * time of every evaluation.
     *
     * @param instructions the largest accepted program, in instructions
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxRegexProgramSize(int instructions) {
      this.maxRegexProgramSize = positive("maxRegexProgramSize", instructions);
      return this;
    }

    /**
     * Builds the limits.
     *
     * @return immutable limits
     */
    public DocumentLimits build() {
      return new DocumentLimits(this);
    }

    private static int positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
      }
      return value;
    }
  }
}
