package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Murmur3BucketingTest {

  /** One row of bucketing-vectors.tsv. */
  record Vector(String salt, String key, long hash, int bucket) {}

  static List<Vector> vectors() throws IOException {
    List<Vector> vectors = new ArrayList<>();
    try (InputStream in =
        Murmur3BucketingTest.class.getResourceAsStream("/bucketing-v1-vectors.tsv")) {
      assertThat(in).as("classpath resource /bucketing-v1-vectors.tsv").isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean header = true;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        if (header) {
          assertThat(fields).containsExactly("salt", "key", "hash_unsigned", "bucket");
          header = false;
          continue;
        }
        assertThat(fields).as(line).hasSize(4);
        vectors.add(new Vector(
            fields[0], fields[1], Long.parseLong(fields[2]), Integer.parseInt(fields[3])));
      }
    }
    return vectors;
  }

  @Test
  void hash_publishedVectors_matchHashAndBucket() throws IOException {
    List<Vector> vectors = vectors();

    assertThat(vectors).hasSizeGreaterThanOrEqualTo(40);
    for (Vector v : vectors) {
      String what = "salt=\"" + v.salt() + "\" key=\"" + v.key() + "\"";
      assertThat(Integer.toUnsignedLong(Murmur3Bucketing.hash(v.salt(), v.key())))
          .as(what)
          .isEqualTo(v.hash());
      assertThat(Murmur3Bucketing.bucket(v.salt(), v.key())).as(what).isEqualTo(v.bucket());
      assertThat(Murmur3Bucketing.bucketOf((int) v.hash())).as(what).isEqualTo(v.bucket());
      byte[] bytes = (v.salt() + ":" + v.key()).getBytes(StandardCharsets.UTF_8);
      assertThat(Integer.toUnsignedLong(Murmur3Bucketing.murmur3(bytes)))
          .as(what)
          .isEqualTo(v.hash());
    }
  }

  @Test
  void vectors_specialHashes_arePresentUnderVectorsSalt() throws IOException {
    Set<Long> special = new HashSet<>();
    for (Vector v : vectors()) {
      if (v.salt().equals("vectors")) {
        special.add(v.hash());
      }
    }

    assertThat(special).contains(0L, 1L, 2_147_483_647L, 2_147_483_648L, 4_294_967_295L);
  }

  @Test
  void vectors_file_coversEveryTailLengthAndByteLength() throws IOException {
    Set<Integer> tails = new HashSet<>();
    Set<Integer> keyLengths = new HashSet<>();
    Set<Integer> utf8Lengths = new HashSet<>();
    for (Vector v : vectors()) {
      tails.add((v.salt() + ":" + v.key()).getBytes(StandardCharsets.UTF_8).length & 3);
      keyLengths.add(v.key().length());
      v.key().codePoints().forEach(cp -> utf8Lengths.add(utf8Length(cp)));
    }

    assertThat(tails).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(keyLengths).contains(0, 1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(utf8Lengths).containsExactlyInAnyOrder(1, 2, 3, 4);
  }

  @Test
  void hash_randomStrings_equalsReferenceOverUtf8Bytes() {
    Random random = new Random(20240611L);
    for (int i = 0; i < 100_000; i++) {
      String salt = randomString(random, random.nextInt(12));
      String key = randomString(random, random.nextInt(40));
      byte[] bytes = (salt + ":" + key).getBytes(StandardCharsets.UTF_8);

      int expected = Murmur3Bucketing.murmur3(bytes);

      assertThat(Murmur3Bucketing.hash(salt, key))
          .as(() -> "salt=" + escape(salt) + " key=" + escape(key))
          .isEqualTo(expected);
    }
  }

  @Test
  void hash_unpairedSurrogates_encodeAsQuestionMark() {
    assertThat(Murmur3Bucketing.hash("s", "a\ud800b")).isEqualTo(Murmur3Bucketing.hash("s", "a?b"));
    assertThat(Murmur3Bucketing.hash("s", "a\udc00b")).isEqualTo(Murmur3Bucketing.hash("s", "a?b"));
    assertThat(Murmur3Bucketing.hash("s", "\udc00\ud800"))
        .isEqualTo(Murmur3Bucketing.hash("s", "??"));
    assertThat(Murmur3Bucketing.hash("s\ud83d", "\ude00"))
        .isEqualTo(Murmur3Bucketing.hash("s?", "?"));
  }

  @Test
  void murmur3_wellKnownInputs_matchPublishedValues() {
    assertThat(Murmur3Bucketing.murmur3(new byte[0])).isEqualTo(0);
    assertThat(Murmur3Bucketing.murmur3(new byte[4])).isEqualTo(0x2362f9de);
    assertThat(Murmur3Bucketing.murmur3(utf8("hello"))).isEqualTo(0x248bfa47);
    assertThat(Murmur3Bucketing.murmur3(utf8("foo"))).isEqualTo(0xf6a5c420); // -156908512
    assertThat(Murmur3Bucketing.murmur3(utf8("The quick brown fox jumps over the lazy dog")))
        .isEqualTo(0x2e4ff723);
  }

  @Test
  void bucketOf_extremes_mapToEnds() {
    assertThat(Murmur3Bucketing.bucketOf(0)).isEqualTo(0);
    assertThat(Murmur3Bucketing.bucketOf(1)).isEqualTo(0);
    assertThat(Murmur3Bucketing.bucketOf(-1)).isEqualTo(99_999);
    assertThat(Murmur3Bucketing.bucketOf(Integer.MIN_VALUE)).isEqualTo(50_000);
    assertThat(Murmur3Bucketing.bucketOf(Integer.MAX_VALUE)).isEqualTo(49_999);
  }

  @Test
  void bucket_anyKey_isInRange() {
    Random random = new Random(7L);
    for (int i = 0; i < 100_000; i++) {
      assertThat(Murmur3Bucketing.bucketOf(random.nextInt()))
          .isBetween(0, Murmur3Bucketing.BUCKETS - 1);
      assertThat(Murmur3Bucketing.bucket("range", "user-" + i))
          .isBetween(0, Murmur3Bucketing.BUCKETS - 1);
    }
  }

  @Test
  void bucket_differentSalts_areIndependent() {
    int keys = 100_000;
    int bothLow = 0;
    for (int i = 0; i < keys; i++) {
      String key = "user-" + i;
      if (Murmur3Bucketing.bucket("salt-a", key) < 50_000
          && Murmur3Bucketing.bucket("salt-b", key) < 50_000) {
        bothLow++;
      }
    }

    assertThat((double) bothLow / keys).isCloseTo(0.25, within(0.01));
  }

  @Test
  void hash_precomputedSaltWarmedUp_allocatesNothing() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported());
    threads.setThreadAllocatedMemoryEnabled(true);
    String[] keys = {"user-42", "zo\u00eb", "\u7528\u6237-42", "user-\ud83d\ude00", "a\ud800"};
    long thread = Thread.currentThread().getId();
    int sink = 0;
    // The compiler precomputes each rollout's salt state; evaluation hashes only the key.
    Murmur3Bucketing.Salt salt = Murmur3Bucketing.salt("new-checkout");
    for (int i = 0; i < 200_000; i++) {
      sink += Murmur3Bucketing.hash(salt, keys[i % keys.length]);
    }

    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 1_000_000; i++) {
      sink += Murmur3Bucketing.bucket(salt, keys[i % keys.length]);
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;

    assertThat(allocated)
        .as("bytes allocated by 1,000,000 calls (sink %d)", sink)
        .isLessThan(1_024);
  }

  /** Random string mixing ASCII runs, 2- and 3-byte chars, pairs and unpaired surrogates. */
  static String randomString(Random random, int length) {
    StringBuilder sb = new StringBuilder(length + 1);
    while (sb.length() < length) {
      int kind = random.nextInt(10);
      if (kind < 4) {
        sb.append((char) random.nextInt(0x80));
      } else if (kind == 4) {
        for (int run = 1 + random.nextInt(8); run > 0; run--) {
          sb.append((char) (0x20 + random.nextInt(0x5f))); // printable ASCII run
        }
      } else if (kind == 5) {
        sb.append((char) (0x80 + random.nextInt(0x800 - 0x80)));
      } else if (kind == 6) {
        char c;
        do {
          c = (char) (0x800 + random.nextInt(0x10000 - 0x800));
        } while (Character.isSurrogate(c));
        sb.append(c);
      } else if (kind == 7) {
        sb.appendCodePoint(0x10000 + random.nextInt(0x110000 - 0x10000));
      } else if (kind == 8) {
        sb.append((char) (0xd800 + random.nextInt(0x400))); // unpaired high, unless a low follows
      } else {
        sb.append((char) (0xdc00 + random.nextInt(0x400))); // unpaired low, unless a high precedes
      }
    }
    return sb.toString();
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      sb.append(String.format("\\u%04x", (int) s.charAt(i)));
    }
    return sb.toString();
  }
}
