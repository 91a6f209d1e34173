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

  private static final DocumentLimits DEFAULTS = newBuilder().build();

  private final int maxDocumentBytes;
  private final int maxNestingDepth;
  private final int maxStringLength;
  private final int maxFlags;
  private final int maxSegments;
  private final int maxRulesPerFlag;
  private final int maxKeysPerList;
  private final int maxPrerequisiteDepth;

  private DocumentLimits(Builder b) {
    this.maxDocumentBytes = b.maxDocumentBytes;
    this.maxNestingDepth = b.maxNestingDepth;
    this.maxStringLength = b.maxStringLength;
    this.maxFlags = b.maxFlags;
    this.maxSegments = b.maxSegments;
    this.maxRulesPerFlag = b.maxRulesPerFlag;
    this.maxKeysPerList = b.maxKeysPerList;
    this.maxPrerequisiteDepth = b.maxPrerequisiteDepth;
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

  @Override
  public String toString() {
    return "DocumentLimits{maxDocumentBytes=" + maxDocumentBytes
        + ", maxNestingDepth=" + maxNestingDepth
        + ", maxStringLength=" + maxStringLength
        + ", maxFlags=" + maxFlags
        + ", maxSegments=" + maxSegments
        + ", maxRulesPerFlag=" + maxRulesPerFlag
        + ", maxKeysPerList=" + maxKeysPerList
        + ", maxPrerequisiteDepth=" + maxPrerequisiteDepth + "}";
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
    private int maxFlags = DEFAULT_MAX_FLAGS;
    private int maxSegments = DEFAULT_MAX_SEGMENTS;
    private int maxRulesPerFlag = DEFAULT_MAX_RULES_PER_FLAG;
    private int maxKeysPerList = DEFAULT_MAX_KEYS_PER_LIST;
    private int maxPrerequisiteDepth = DEFAULT_MAX_PREREQUISITE_DEPTH;

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
