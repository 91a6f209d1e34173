package dev.flags;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.onOff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.sources.MemorySource;
import dev.flags.spi.FlagSource;
import dev.flags.spi.SourceContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A layer's document is read again whenever another layer changes, from the bytes the client
 * kept. The client keeps a compressed copy of what comes in through {@code Flags.load(byte[])},
 * {@code MemorySource} and {@code SourceContext.update}, so a caller that reuses its array once
 * the call returned changes nothing served.
 */
final class DocumentOwnershipTest {
  private static final Context ANYONE = Context.of("someone");

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Delivers a document to the higher layer, which makes the client read the lower layer's kept
   * bytes again to merge them, and checks that the lower layer's {@code checkout} still serves.
   */
  private static void assertMergedWithANewHighDocument(Flags flags, MemorySource high) {
    assertThat(high.update(doc("high-1", onOff("search", "on"))).isAccepted())
        .as("the merge reads the lower layer's document again")
        .isTrue();

    assertThat(flags.isEnabled("checkout", ANYONE)).isTrue();
    assertThat(flags.isEnabled("search", ANYONE)).isTrue();
    assertThat(flags.version()).isEqualTo("low-1+high-1");
  }

  @Test
  void load_callerReusesItsArray_laterMergeStillReadsTheLoadedDocument() {
    MemorySource high = MemorySource.empty("high");
    try (Flags flags = Flags.newBuilder().source(high).build()) {
      byte[] array = bytes(doc("low-1", onOff("checkout", "on")));
      flags.load(array); // the lowest layer
      Arrays.fill(array, (byte) ' '); // the caller's buffer, reused

      assertMergedWithANewHighDocument(flags, high);
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

      assertMergedWithANewHighDocument(flags, high);
    }
  }

  @Test
  void memorySourceUpdateBeforeStart_callerReusesItsArray_thePendingDocumentIsKept() {
    MemorySource low = MemorySource.empty("low");
    byte[] array = bytes(doc("low-1", onOff("checkout", "on")));
    assertThat(low.update(array).isAccepted()).as("not started yet: pending").isFalse();
    Arrays.fill(array, (byte) ' ');
    MemorySource high = MemorySource.empty("high");
    try (Flags flags = Flags.newBuilder().source(low).source(high).build()) {
      assertThat(flags.isEnabled("checkout", ANYONE)).isTrue();

      assertMergedWithANewHighDocument(flags, high);
    }
  }

  @Test
  void memorySourceOf_callerReusesItsArray_theInitialDocumentIsKept() {
    byte[] array = bytes(doc("low-1", onOff("checkout", "on")));
    MemorySource low = MemorySource.of("low", array);
    Arrays.fill(array, (byte) ' ');
    MemorySource high = MemorySource.empty("high");
    try (Flags flags = Flags.newBuilder().source(low).source(high).build()) {
      assertMergedWithANewHighDocument(flags, high);
    }
  }

  /** A source whose documents the test delivers through its context. */
  private static final class Delivering implements FlagSource {
    private @Nullable SourceContext context;

    @Override
    public String name() {
      return "delivering";
    }

    @Override
    public void start(SourceContext c) {
      context = c;
      c.clear();
    }

    SourceContext context() {
      return Objects.requireNonNull(context, "started");
    }

    @Override
    public void close() {}
  }

  @Test
  void sourceUpdate_sourceReusesItsBuffer_laterMergeStillReadsTheDelivered() {
    Delivering low = new Delivering();
    MemorySource high = MemorySource.empty("high");
    try (Flags flags = Flags.newBuilder().source(low).source(high).build()) {
      byte[] buffer = bytes(doc("low-1", onOff("checkout", "on")));
      assertThat(low.context().update(buffer).isAccepted()).isTrue();
      Arrays.fill(buffer, (byte) ' '); // read the next document into the same buffer

      assertMergedWithANewHighDocument(flags, high);
    }
  }

  @Test
  void deferredCandidate_sourceReusesItsBuffer_appliesAsDeliveredOnceItFits() {
    MemorySource low = MemorySource.empty("low");
    Delivering high = new Delivering();
    try (Flags flags = Flags.newBuilder().source(low).source(high).build()) {
      byte[] buffer = bytes(doc(
          "high-1", onOff("beta", "on", "'prerequisites': [{'flag': 'gate', 'variant': 'on'}]")));
      assertThat(high.context().update(buffer).isAccepted())
          .as("refers to a flag that no layer defines yet: kept for later")
          .isFalse();
      Arrays.fill(buffer, (byte) ' ');

      assertThat(low.update(doc("low-1", onOff("gate", "on"))).isAccepted()).isTrue();

      assertThat(flags.version()).isEqualTo("low-1+high-1");
      assertThat(flags.isEnabled("beta", ANYONE)).isTrue();
    }
  }
}
