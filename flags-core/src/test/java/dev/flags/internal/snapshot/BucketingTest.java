package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bucketing contract (version 2): published vectors, streaming hash, context cache, cost. */
final class BucketingTest {
  /** One row of bucketing-vectors.tsv. */
  record Vector(String kind, String a, String b, String expected) {}

  static List<Vector> vectors() throws IOException {
    List<Vector> vectors = new ArrayList<>();
    try (InputStream in = BucketingTest.class.getResourceAsStream("/bucketing-vectors.tsv")) {
      assertThat(in).as("classpath resource /bucketing-vectors.tsv").isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean header = true;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        List<String> fields = List.of(line.split("\t", -1));
        if (header) {
          assertThat(fields).containsExactly("kind", "a", "b", "expected");
          header = false;
          continue;
        }
        assertThat(fields).as(line).hasSize(4);
        vectors.add(new Vector(fields.get(0), fields.get(1), fields.get(2), fields.get(3)));
      }
    }
    return vectors;
  }

  @Test
  void publishedVectors_matchHashesBucketsAndCombinations() throws IOException {
    List<Vector> vectors = vectors();

    assertThat(vectors).filteredOn(v -> v.kind().equals("hash")).hasSizeGreaterThan(40);
    assertThat(vectors).filteredOn(v -> v.kind().equals("bucket")).hasSizeGreaterThan(20);
    assertThat(vectors).filteredOn(v -> v.kind().equals("combine")).hasSize(5);
    for (Vector v : vectors) {
      switch (v.kind()) {
        case "hash" ->
          assertThat(Bucketing.hash(v.a()))
              .as("hash of \"%s\"", v.a())
              .isEqualTo(Long.parseUnsignedLong(v.expected(), 16));
        case "bucket" ->
          assertThat(Bucketing.bucket(v.a(), v.b()))
              .as("bucket of key \"%s\" under salt \"%s\"", v.b(), v.a())
              .isEqualTo(Integer.parseInt(v.expected()));
        case "combine" ->
          assertThat(Bucketing.bucket(
                  Long.parseUnsignedLong(v.a(), 16), Long.parseUnsignedLong(v.b(), 16)))
              .as("bucket of %s and %s", v.a(), v.b())
              .isEqualTo(Integer.parseInt(v.expected()));
        default -> throw new AssertionError("unknown row kind " + v.kind());
      }
    }
  }

  @Test
  void publishedVectors_combineRowsReachTheBucketRangesEnds() throws IOException {
    List<Integer> buckets = new ArrayList<>();
    for (Vector v : vectors()) {
      if (v.kind().equals("combine")) {
        buckets.add(Integer.parseInt(v.expected()));
      }
    }

    assertThat(buckets).contains(0, Bucketing.BUCKETS - 1).allMatch(b -> b < Bucketing.BUCKETS);
  }

  @Test
  void publishedVectors_docsCopyIsTheTestResource() throws IOException {
    Path docs = Path.of("../docs/bucketing-vectors.tsv");
    Path resource = Path.of("src/test/resources/bucketing-vectors.tsv");

    assertThat(Files.readString(docs)).isEqualTo(Files.readString(resource));
    assertThat(Files.readString(resource)).isEqualTo(BucketingVectorGenerator.render());
  }

  @Test
  void hash_randomStrings_streamingEqualsReferenceOverUtf8Bytes() {
    Random r = new Random(42);
    for (int n = 0; n < 50_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(80);
      for (int i = 0; i < len; i++) {
        int kind = r.nextInt(10);
        sb.append(
            kind < 6
                ? (char) (32 + r.nextInt(95))
                : kind < 8
                    ? (char) (0x80 + r.nextInt(0x780))
                    : kind < 9
                        ? (char) (0x800 + r.nextInt(0xd000 - 0x800))
                        : (char) (0xd800 + r.nextInt(0x800)));
      }
      String s = sb.toString();

      assertThat(Murmur3x64.ofUtf8(s))
          .as("hash of %s", s)
          .isEqualTo(Murmur3x64.of(s.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void hash_unpairedSurrogate_hashedAsQuestionMarkLikeGetBytes() {
    assertThat(Bucketing.hash("lone-\ud800-surrogate"))
        .isEqualTo(Murmur3x64.of("lone-?-surrogate".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void keyHash_contextComputesOnceAndAgreesWithTheContract() {
    Context c = Context.of("550e8400-e29b-41d4-a716-446655440000");

    assertThat(c.keyHash()).isEqualTo(Bucketing.hash(c.key())).isEqualTo(c.keyHash());
  }

  @Test
  void bucket_sameInputs_sameBucketAlwaysAndAcrossSalts() {
    long key = Bucketing.hash("user-42");

    assertThat(Bucketing.bucket(key, Bucketing.hash("new-checkout")))
        .isEqualTo(Bucketing.bucket("new-checkout", "user-42"))
        .isBetween(0, Bucketing.BUCKETS - 1);
    assertThat(Bucketing.bucket(key, key)).isZero(); // XOR of equal hashes is 0, fmix64(0) is 0
  }

  @Test
  void hashAndBucket_allocateNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    String key = "550e8400-e29b-41d4-a716-446655440000\u00e9\ud83d\ude00";
    long salt = Bucketing.hash("new-checkout");
    long sink = 0;
    for (int i = 0; i < 20_000; i++) { // warm up, so that allocation means allocation
      sink += Bucketing.bucket(Bucketing.hash(key), salt);
    }
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 10_000; i++) {
      sink += Bucketing.bucket(Bucketing.hash(key), salt);
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;

    assertThat(sink).isNotZero();
    assertThat(allocated).as("bytes allocated by 10,000 hashes and buckets").isLessThan(1_000);
  }
}
