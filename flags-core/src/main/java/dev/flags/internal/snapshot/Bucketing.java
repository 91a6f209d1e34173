package dev.flags.internal.snapshot;

/**
 * Sticky percentage bucketing (contract version 2): maps a bucketing key and a salt to a bucket
 * in {@code 0..99999}. The contract, which other languages reproduce (see {@code
 * docs/bucketing.md} and the test vectors in {@code docs/bucketing-vectors.tsv}):
 *
 * <pre>
 * keyHash  = murmur3_x64_128(utf8(bucketKey), seed 0), first 64 bits   -- once per context
 * saltHash = murmur3_x64_128(utf8(salt), seed 0), first 64 bits        -- once per rollout
 * h        = fmix64(keyHash XOR saltHash)                                -- murmur3's finalizer
 * bucket   = ((h &gt;&gt;&gt; 32) * 100000) &gt;&gt;&gt; 32                               -- 0..99999
 * </pre>
 *
 * <p>Why this shape: the expensive part, hashing a key of typically 36 characters, depends on the
 * key alone, so a {@link dev.flags.Context} computes it once ({@link dev.flags.Context#keyHash()})
 * and every rollout it meets only combines it with its precomputed salt hash: an XOR, the two
 * multiplications of {@code fmix64} and one for the bucket, a few nanoseconds whatever the key's
 * length. {@code fmix64} makes every output bit depend on every input bit, so two rollouts with
 * different salts bucket a user independently. Stateless and thread-safe.
 */
public final class Bucketing {
  /** Number of buckets; a weight of {@code BUCKETS} is 100%, so one bucket is 0.001%. */
  public static final int BUCKETS = 100_000;

  private Bucketing() {}

  /**
   * The 64-bit hash of a bucketing key (or a salt): murmur3_x64_128 of its UTF-8 bytes, seed 0,
   * first 64 bits. Allocation-free.
   *
   * @param key the key
   * @return the hash
   */
  public static long hash(String key) {
    return Murmur3x64.ofUtf8(key);
  }

  /**
   * The bucket of a key under a salt, from their hashes. Allocation-free; the hot path.
   *
   * @param keyHash {@link #hash} of the bucketing key
   * @param saltHash {@link #hash} of the salt
   * @return the bucket, 0 to 99999
   */
  public static int bucket(long keyHash, long saltHash) {
    long h = Murmur3x64.fmix64(keyHash ^ saltHash);
    return (int) (((h >>> 32) * BUCKETS) >>> 32);
  }

  /**
   * The bucket of a key under a salt: a convenience for tests and tools that hashes both.
   *
   * @param salt the salt (the flag key by default)
   * @param key the bucketing key (the context key by default)
   * @return the bucket, 0 to 99999
   */
  public static int bucket(String salt, String key) {
    return bucket(hash(key), hash(salt));
  }
}
