package dev.flags.internal.snapshot;

/**
 * MurmurHash3_x64_128 with seed 0 (Austin Appleby's reference), first 64 bits ({@code h1}): the
 * 64-bit hash that bucketing takes of keys and salts. The same value as Guava's {@code
 * Hashing.murmur3_128().hashBytes(bytes).asLong()} and Python's {@code mmh3.hash64(bytes)[0]}.
 *
 * <p>{@link #ofUtf8(String)} hashes the UTF-8 encoding of a string without building it: it reads
 * the string with {@link String#charAt}, encodes each code point on the fly and feeds the bytes
 * into two {@code long} accumulators, so nothing is allocated. An unpaired surrogate is the single
 * byte {@code '?'}, as {@code String.getBytes(UTF_8)} writes it. {@link #of(byte[])} is the
 * reference over bytes that tests compare it with. Stateless and thread-safe.
 */
public final class Murmur3x64 {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final int REPLACEMENT = '?';

  private Murmur3x64() {}

  /**
   * The hash of a string's UTF-8 bytes, computed without allocating.
   *
   * @param s the string
   * @return the first 64 bits of murmur3_x64_128(utf8(s), 0)
   */
  public static long ofUtf8(String s) {
    long h1 = 0;
    long h2 = 0;
    long k1 = 0; // bytes 0..7 of the current block, first byte in the low bits
    long k2 = 0; // bytes 8..15
    int pos = 0; // bytes in the current block
    long total = 0;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      int c = s.charAt(i);
      int enc; // up to four UTF-8 bytes, first byte in the low bits
      int cnt;
      if (c < 0x80) {
        enc = c;
        cnt = 1;
      } else if (c < 0x800) {
        enc = (0xc0 | (c >>> 6)) | (0x80 | (c & 0x3f)) << 8;
        cnt = 2;
      } else if (!Character.isSurrogate((char) c)) {
        enc = (0xe0 | (c >>> 12)) | (0x80 | ((c >>> 6) & 0x3f)) << 8 | (0x80 | (c & 0x3f)) << 16;
        cnt = 3;
      } else if (Character.isHighSurrogate((char) c)
          && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint((char) c, s.charAt(++i));
        enc = (0xf0 | (cp >>> 18))
            | (0x80 | ((cp >>> 12) & 0x3f)) << 8
            | (0x80 | ((cp >>> 6) & 0x3f)) << 16
            | (0x80 | (cp & 0x3f)) << 24;
        cnt = 4;
      } else {
        enc = REPLACEMENT;
        cnt = 1;
      }
      for (int b = 0; b < cnt; b++) {
        long v = (enc >>> (b << 3)) & 0xffL;
        if (pos < 8) {
          k1 |= v << (pos << 3);
        } else {
          k2 |= v << ((pos - 8) << 3);
        }
        if (++pos == 16) {
          h1 ^= mixK1(k1);
          h1 = Long.rotateLeft(h1, 27) + h2;
          h1 = h1 * 5 + 0x52dce729;
          h2 ^= mixK2(k2);
          h2 = Long.rotateLeft(h2, 31) + h1;
          h2 = h2 * 5 + 0x38495ab5;
          k1 = 0;
          k2 = 0;
          pos = 0;
        }
      }
      total += cnt;
    }
    return finish(h1, h2, k1, k2, pos, total);
  }

  /**
   * The reference implementation over bytes.
   *
   * @param data the bytes
   * @return the first 64 bits of murmur3_x64_128(data, 0)
   */
  public static long of(byte[] data) {
    long h1 = 0;
    long h2 = 0;
    int blocks = data.length / 16;
    for (int i = 0; i < blocks; i++) {
      long k1 = littleEndian(data, i * 16);
      long k2 = littleEndian(data, i * 16 + 8);
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27) + h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31) + h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    long k1 = 0;
    long k2 = 0;
    int tail = blocks * 16;
    int rest = data.length - tail;
    for (int j = 0; j < rest; j++) {
      long v = data[tail + j] & 0xffL;
      if (j < 8) {
        k1 |= v << (j << 3);
      } else {
        k2 |= v << ((j - 8) << 3);
      }
    }
    return finish(h1, h2, k1, k2, rest, data.length);
  }

  /**
   * The murmur3 64-bit finalizer: a bijection whose every output bit depends on every input bit.
   *
   * @param k the value
   * @return the mixed value
   */
  public static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static long finish(long h1, long h2, long k1, long k2, int rest, long length) {
    if (rest > 8) {
      h2 ^= mixK2(k2);
    }
    if (rest > 0) {
      h1 ^= mixK1(k1);
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    return h1 + h2;
  }

  private static long mixK1(long k1) {
    return Long.rotateLeft(k1 * C1, 31) * C2;
  }

  private static long mixK2(long k2) {
    return Long.rotateLeft(k2 * C2, 33) * C1;
  }

  private static long littleEndian(byte[] b, int i) {
    long v = 0;
    for (int j = 7; j >= 0; j--) {
      v = (v << 8) | (b[i + j] & 0xffL);
    }
    return v;
  }
}
