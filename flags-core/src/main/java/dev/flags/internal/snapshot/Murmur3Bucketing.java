package dev.flags.internal.snapshot;

/**
 * The first bucketing contract (version 1): kept for formats whose buckets must match other
 * products that hash {@code salt:key} with murmur3_x86_32 (Unleash and flagd do), while rollouts
 * of this library's own documents use {@link Bucketing} (version 2), which hashes each key once
 * per context instead of once per flag.
 *
 * <p>The contract (see {@code docs/bucketing.md}, section "Version 1", and the test vectors in
 * {@code docs/bucketing-v1-vectors.tsv}):
 *
 * <pre>
 * bytes  = utf8(salt + ":" + key)          // exactly as String.getBytes(UTF_8)
 * hash   = murmur3_x86_32(bytes, seed = 0) // read as an unsigned 32-bit integer
 * bucket = (hash * 100000) &gt;&gt;&gt; 32          // 0..99999
 * </pre>
 *
 * <p>Why {@link #hash(Salt, String)} does not allocate: it never builds the concatenated string
 * or its UTF-8 byte array. It reads the two strings with {@link String#charAt}, encodes each code
 * point to UTF-8 on the fly into an {@code int} (one to four bytes, packed little-endian) and
 * feeds those bytes into a 4-byte accumulator that is itself an {@code int}. Each time the
 * accumulator fills, the murmur3 block round runs; four ASCII chars in a row are taken as one
 * whole word (the fast path). All of the hash state (running hash, accumulator, byte count) lives
 * in local variables of one method, and the helpers take and return primitives only, so nothing
 * escapes and nothing is boxed. The result is identical to hashing {@code (salt + ":" +
 * key).getBytes(UTF_8)}, which {@link #murmur3(byte[])} does as the reference implementation.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class Murmur3Bucketing {

  /** Number of buckets; a weight of {@code BUCKETS} is 100%, so one bucket is 0.001%. */
  public static final int BUCKETS = 100_000;

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;
  private static final int N = 0xe6546b64;
  /** What {@code String.getBytes(UTF_8)} writes for an unpaired surrogate. */
  private static final int REPLACEMENT = '?';

  private Murmur3Bucketing() {}

  /**
   * Returns murmur3_x86_32 with seed 0 of the UTF-8 bytes of {@code salt + ":" + key}. A
   * convenience for tests and tools: it computes the salt's state each time (and allocates for
   * it); evaluation uses {@link #hash(Salt, String)} with the state precomputed, which does not
   * allocate.
   *
   * <p>UTF-8 encoding matches {@code String.getBytes(StandardCharsets.UTF_8)}: one to four bytes
   * per code point, a valid surrogate pair becomes one 4-byte sequence and an unpaired surrogate
   * becomes the single byte {@code '?'} (0x3F). The separator cannot pair surrogates across the
   * two strings.
   *
   * @param salt the salt, usually the flag key; may be empty
   * @param key the bucketing key, usually the context key; may be empty
   * @return the 32-bit hash (interpret as unsigned)
   */
  public static int hash(String salt, String key) {
    return hash(salt(salt), key);
  }

  /**
   * The murmur3 state after {@code salt + ":"}, computed once per rollout when a document is
   * compiled, so that evaluation hashes only the key.
   */
  public static final class Salt {
    final String text;
    final int h;
    /** The 0..3 bytes of the salt's last partial block, first byte in the low bits. */
    final int acc;
    /** Bytes absorbed: UTF-8 length of {@code salt + ":"}. */
    final int n;

    private Salt(String text, int h, int acc, int n) {
      this.text = text;
      this.h = h;
      this.acc = acc;
      this.n = n;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * Precomputes the hash state of {@code salt + ":"}. Allocates; call it when compiling.
   *
   * @param salt the salt
   * @return the state to pass to {@link #hash(Salt, String)}
   */
  public static Salt salt(String salt) {
    // getBytes replaces an unpaired surrogate with '?', as the contract requires; the separator
    // keeps a surrogate at the end of the salt from pairing with the key.
    byte[] b = (salt + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int h = 0;
    int blocks = b.length & ~3;
    for (int i = 0; i < blocks; i += 4) {
      h = round(
          h,
          (b[i] & 0xff)
              | (b[i + 1] & 0xff) << 8
              | (b[i + 2] & 0xff) << 16
              | (b[i + 3] & 0xff) << 24);
    }
    int acc = 0;
    for (int j = blocks; j < b.length; j++) {
      acc |= (b[j] & 0xff) << ((j - blocks) << 3);
    }
    return new Salt(salt, h, acc, b.length);
  }

  /**
   * Returns murmur3_x86_32 with seed 0 of the UTF-8 bytes of {@code salt + ":" + key}, continuing
   * from the salt's precomputed state, without allocating.
   *
   * @param salt the precomputed salt state
   * @param key the bucketing key; may be empty
   * @return the 32-bit hash (interpret as unsigned)
   */
  public static int hash(Salt salt, String key) {
    // No allocation: no concatenation, no byte[]; the state is these three ints.
    int h = salt.h;
    int acc = salt.acc; // pending bytes of the current block, first byte in the low bits
    int n = salt.n; // bytes fed so far; n & 3 bytes are pending in acc
    String s = key;
    int len = s.length();
    int i = 0;
    while (i < len) {
      int sh = (n & 3) << 3; // bit offset of the next byte in acc
      char c = s.charAt(i);
      if (c < 0x80 && i < len - 3) {
        // ASCII fast path: four chars are one whole 4-byte word, whatever the alignment.
        int c1 = s.charAt(i + 1);
        int c2 = s.charAt(i + 2);
        int c3 = s.charAt(i + 3);
        if ((c1 | c2 | c3) < 0x80) {
          int word = c | c1 << 8 | c2 << 16 | c3 << 24;
          h = round(h, acc | word << sh);
          acc = spill(word, sh);
          n += 4;
          i += 4;
          continue;
        }
      }
      int enc; // the UTF-8 bytes of one code point, first byte in the low bits
      int cnt; // how many bytes are in enc, 1..4
      if (c < 0x80) {
        enc = c;
        cnt = 1;
        i++;
      } else if (c < 0x800) {
        enc = (0xc0 | (c >>> 6)) | (0x80 | (c & 0x3f)) << 8;
        cnt = 2;
        i++;
      } else if (!Character.isSurrogate(c)) {
        enc = (0xe0 | (c >>> 12)) | (0x80 | ((c >>> 6) & 0x3f)) << 8 | (0x80 | (c & 0x3f)) << 16;
        cnt = 3;
        i++;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        enc = utf8Supplementary(Character.toCodePoint(c, s.charAt(i + 1)));
        cnt = 4;
        i += 2;
      } else {
        enc = REPLACEMENT;
        cnt = 1;
        i++;
      }
      acc |= enc << sh;
      n += cnt;
      if (sh + (cnt << 3) >= 32) {
        h = round(h, acc);
        acc = spill(enc, sh);
      }
    }
    if ((n & 3) != 0) {
      h ^= mixK(acc);
    }
    return fmix(h ^ n);
  }

  /**
   * The bucket of a key under a precomputed salt. Does not allocate.
   *
   * @param salt the precomputed salt state
   * @param key the bucketing key
   * @return the bucket, in {@code [0, BUCKETS)}
   */
  public static int bucket(Salt salt, String key) {
    return bucketOf(hash(salt, key));
  }

  /**
   * Returns the bucket, {@code 0..99999}, of a hash: {@code (unsigned(hash) * 100000) >>> 32}.
   *
   * @param hash a 32-bit hash, interpreted as unsigned
   * @return the bucket, in {@code [0, BUCKETS)}
   */
  public static int bucketOf(int hash) {
    return (int) (((hash & 0xffff_ffffL) * BUCKETS) >>> 32);
  }

  /**
   * Returns the bucket, {@code 0..99999}, of a key under a salt; {@code bucketOf(hash(salt,
   * key))}. Computes the salt's state each time; evaluation uses {@link #bucket(Salt, String)}.
   *
   * @param salt the salt, usually the flag key; may be empty
   * @param key the bucketing key, usually the context key; may be empty
   * @return the bucket, in {@code [0, BUCKETS)}
   */
  public static int bucket(String salt, String key) {
    return bucketOf(hash(salt, key));
  }

  /**
   * Reference murmur3_x86_32 with seed 0 over a byte array, for tests and tools. The hot path
   * uses {@link #hash(String, String)}, which gives the same result without building the array.
   *
   * @param data the bytes to hash
   * @return the 32-bit hash (interpret as unsigned)
   */
  public static int murmur3(byte[] data) {
    int h = 0;
    int blocks = data.length & ~3;
    for (int i = 0; i < blocks; i += 4) {
      int k = (data[i] & 0xff)
          | (data[i + 1] & 0xff) << 8
          | (data[i + 2] & 0xff) << 16
          | (data[i + 3] & 0xff) << 24;
      h = round(h, k);
    }
    int tail = data.length & 3;
    if (tail != 0) {
      int k = 0;
      for (int j = tail - 1; j >= 0; j--) {
        k = k << 8 | (data[blocks + j] & 0xff);
      }
      h ^= mixK(k);
    }
    return fmix(h ^ data.length);
  }

  /**
   * The bytes of {@code bytes} that did not fit in a block when it was placed at bit offset
   * {@code sh}: its top {@code sh} bits, moved down. None when {@code sh == 0} (a long shift by
   * 32 is zero, where an int shift by 32 would be a no-op).
   */
  private static int spill(int bytes, int sh) {
    return (int) ((bytes & 0xffff_ffffL) >>> (32 - sh));
  }

  /** UTF-8 bytes of a supplementary code point, first byte in the low bits. */
  private static int utf8Supplementary(int cp) {
    return (0xf0 | (cp >>> 18))
        | (0x80 | ((cp >>> 12) & 0x3f)) << 8
        | (0x80 | ((cp >>> 6) & 0x3f)) << 16
        | (0x80 | (cp & 0x3f)) << 24;
  }

  /** The murmur3 block scramble of a 4-byte little-endian block. */
  private static int mixK(int k) {
    return Integer.rotateLeft(k * C1, 15) * C2;
  }

  /** One murmur3 block round. */
  private static int round(int h, int k) {
    return Integer.rotateLeft(h ^ mixK(k), 13) * 5 + N;
  }

  /** The murmur3 finalization mix. */
  private static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
