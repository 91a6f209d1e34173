package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A document's bytes as a layer keeps them: deflated, recognised, read again. */
final class KeptBytesTest {
  private static byte[] json(int flags) {
    StringBuilder s = new StringBuilder("{\"flags\": {");
    for (int i = 0; i < flags; i++) {
      s.append(i == 0 ? "" : ", ").append("\"flag-").append(i).append("\": {\"enabled\": true}");
    }
    return s.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] read(KeptBytes kept) throws IOException {
    try (InputStream in = kept.open()) {
      return in.readAllBytes();
    }
  }

  @Test
  void of_readsBackTheSameBytes_keptSmaller() throws IOException {
    byte[] bytes = json(5_000);

    KeptBytes kept = KeptBytes.of(bytes);

    assertThat(read(kept)).isEqualTo(bytes);
    assertThat(kept.keptLength()).isLessThan(bytes.length / 10);
  }

  @Test
  void of_isACopy_changingTheArrayChangesNothingKept() throws IOException {
    byte[] bytes = json(10);
    byte[] original = bytes.clone();
    KeptBytes kept = KeptBytes.of(bytes);

    bytes[3] = 'X';

    assertThat(read(kept)).isEqualTo(original);
    assertThat(kept.holds(original)).isTrue();
    assertThat(kept.holds(bytes)).isFalse();
  }

  @Test
  void holds_sameBytesOnly() {
    byte[] bytes = json(3_000); // several chunks when inflated
    KeptBytes kept = KeptBytes.of(bytes);

    byte[] lastByteChanged = bytes.clone();
    lastByteChanged[lastByteChanged.length - 2] = ' ';
    byte[] firstByteChanged = bytes.clone();
    firstByteChanged[0] = ' ';
    byte[] longer = json(3_001);

    assertThat(kept.holds(bytes.clone())).isTrue();
    assertThat(kept.holds(lastByteChanged)).isFalse();
    assertThat(kept.holds(firstByteChanged)).isFalse();
    assertThat(kept.holds(longer)).isFalse();
    assertThat(kept.holds(new byte[0])).isFalse();
  }

  @Test
  void incompressibleBytes_keptAndRecognised() {
    byte[] noise = new byte[300_000];
    new Random(7).nextBytes(noise);
    KeptBytes kept = KeptBytes.of(noise);

    byte[] changed = noise.clone();
    changed[150_000]++;

    assertThat(kept.holds(noise.clone())).isTrue();
    assertThat(kept.holds(changed)).isFalse();
    assertThat(kept.keptLength()).isGreaterThanOrEqualTo(noise.length);
  }

  @Test
  void holds_andReadsBack_atLengthsAroundTheChunkSizes() throws IOException {
    // The comparison's buffer and the kept chunks are filled exactly at some of these lengths:
    // the end of the stream must be found whether or not the last call gave bytes.
    Random random = new Random(11);
    for (int length : new int[] {
      1, 2, 63, 64, 65, 255, 256, 257, 4_096, 65_535, 65_536, 65_537, 131_072, 1_048_576
    }) {
      byte[] text = new byte[length];
      byte[] noise = new byte[length];
      for (int i = 0; i < length; i++) {
        text[i] = (byte) ('a' + (i % 7));
      }
      random.nextBytes(noise);
      for (byte[] bytes : List.of(text, noise)) {
        KeptBytes kept = KeptBytes.of(bytes);
        assertThat(kept.holds(bytes.clone())).as("length %d", length).isTrue();
        assertThat(read(kept)).as("length %d", length).isEqualTo(bytes);
        byte[] changed = bytes.clone();
        changed[length - 1] ^= 1;
        assertThat(kept.holds(changed))
            .as("length %d, last byte changed", length)
            .isFalse();
      }
    }
  }

  @Test
  void sameAs_sameBytesKeptTwice_trueOtherwiseFalse() {
    byte[] bytes = json(100);
    byte[] other = json(101);

    assertThat(KeptBytes.of(bytes).sameAs(KeptBytes.of(bytes.clone()))).isTrue();
    assertThat(KeptBytes.of(bytes).sameAs(KeptBytes.of(other))).isFalse();
  }

  @Test
  void emptyAndTinyArrays_keptAndReadBack() throws IOException {
    KeptBytes empty = KeptBytes.of(new byte[0]);
    KeptBytes one = KeptBytes.of(new byte[] {'7'});

    assertThat(read(empty)).isEmpty();
    assertThat(empty.holds(new byte[0])).isTrue();
    assertThat(read(one)).containsExactly('7');
    assertThat(one.holds(new byte[] {'7'})).isTrue();
    assertThat(one.holds(new byte[] {'8'})).isFalse();
  }
}
