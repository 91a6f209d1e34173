package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.MemorySource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A layer's document is read again whenever another layer changes, from the bytes the client
 * kept. Sources hand their arrays over; the public methods that take a caller's array copy it, so
 * a caller that reuses its array changes nothing served.
 */
final class DocumentOwnershipTest {
  private static final Context ANYONE = Context.of("someone");

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void load_callerReusesItsArray_laterMergeStillReadsTheLoadedDocument() {
    MemorySource remote = MemorySource.empty("remote");
    try (Flags flags = Flags.newBuilder().source(remote).build()) {
      byte[] array = bytes(doc("local-1", onOff("checkout", "on")));
      flags.load(array);
      Arrays.fill(array, (byte) ' '); // the caller's buffer, reused

      assertThat(remote.update(doc("remote-1", onOff("search", "on"))).isAccepted())
          .as("the merge reads the loaded document again")
          .isTrue();

      assertThat(flags.isEnabled("checkout", ANYONE)).isTrue();
      assertThat(flags.isEnabled("search", ANYONE)).isTrue();
      assertThat(flags.version()).isEqualTo("local-1+remote-1");
    }
  }

  @Test
  void memorySourceUpdate_callerReusesItsArray_laterMergeStillReadsTheDelivered() {
    MemorySource low = MemorySource.empty("low");
    MemorySource high = MemorySource.empty("high");
    try (Flags flags = Flags.newBuilder().source(low).source(high).build()) {
      byte[] array = bytes(doc("low-1", onOff("checkout", "on")));
      assertThat(low.update(array).isAccepted()).isTrue();
      Arrays.fill(array, (byte) ' ');

      assertThat(high.update(doc("high-1", onOff("search", "on"))).isAccepted()).isTrue();

      assertThat(flags.isEnabled("checkout", ANYONE)).isTrue();
      assertThat(flags.version()).isEqualTo("low-1+high-1");
    }
  }

  @Test
  void memorySourceOf_callerReusesItsArray_theInitialDocumentIsKept() {
    byte[] array = bytes(doc("low-1", onOff("checkout", "on")));
    MemorySource low = MemorySource.of("low", array);
    Arrays.fill(array, (byte) ' ');
    MemorySource high = MemorySource.empty("high");
    try (Flags flags = Flags.newBuilder().source(low).source(high).build()) {
      assertThat(high.update(doc("high-1", onOff("search", "on"))).isAccepted()).isTrue();

      assertThat(flags.isEnabled("checkout", ANYONE)).isTrue();
      assertThat(flags.version()).isEqualTo("low-1+high-1");
    }
  }
}
