package dev.flags.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.ErrorInfo;
import dev.flags.internal.document.ParsedDocument;
import dev.flags.sources.MemorySource;
import dev.flags.spi.FlagSource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Questions about all layers at once; no sources run. */
final class LayersTest {
  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

  private final FlagSource implicit = MemorySource.empty("load");
  private final FlagSource remote = MemorySource.empty("remote");
  private final FlagSource local = MemorySource.empty("local");
  private final Layers layers = new Layers(List.of(implicit, remote, local), implicit);

  @Test
  void of_findsTheLayerOfASourceAndNothingForAStranger() {
    assertThat(layers.of(remote).name).isEqualTo("remote");
    assertThat(layers.of(remote).index).isEqualTo(1);
    assertThat(layers.of(MemorySource.empty("other"))).isNull();
  }

  @Test
  void documentsWith_candidateReplacesItsLayerInPrecedenceOrder() {
    ParsedDocument r1 = SourceLayerTest.doc("r1");
    ParsedDocument l1 = SourceLayerTest.doc("l1");
    ParsedDocument r2 = SourceLayerTest.doc("r2");
    layers.of(remote).accepted(r1, null, T0);
    layers.of(local).accepted(l1, null, T0);

    assertThat(layers.documentsWith(layers.of(remote), r2)).containsExactly(r2, l1);
    assertThat(layers.documentsWith(layers.of(local), null)).containsExactly(r1);
  }

  @Test
  void othersHaveDocuments_onlyCountsOtherLayers() {
    layers.of(remote).accepted(SourceLayerTest.doc("r1"), null, T0);

    assertThat(layers.othersHaveDocuments(layers.of(remote))).isFalse();
    assertThat(layers.othersHaveDocuments(layers.of(local))).isTrue();
  }

  @Test
  void allAnsweredEmpty_everyRealSourceReadyWithNoDocument() {
    assertThat(layers.allAnsweredEmpty()).isFalse();
    layers.of(remote).emptied(T0);
    assertThat(layers.allAnsweredEmpty()).isFalse();

    layers.of(local).emptied(T0);

    assertThat(layers.allAnsweredEmpty()).isTrue(); // the implicit layer does not count
  }

  @Test
  void allAnsweredEmpty_aFailedOrServingSourceIsNotEmpty() {
    layers.of(remote).emptied(T0);
    layers.of(local).failed(ErrorInfo.of(ErrorInfo.Kind.NETWORK, "down", T0));
    assertThat(layers.allAnsweredEmpty()).isFalse();

    layers.of(local).accepted(SourceLayerTest.doc("l1"), null, T0);

    assertThat(layers.allAnsweredEmpty()).isFalse();
  }

  @Test
  void allAnsweredEmpty_onlyTheImplicitLayer_false() {
    Layers alone = new Layers(List.of(implicit), implicit);
    alone.of(implicit).emptied(T0);

    assertThat(alone.allAnsweredEmpty()).isFalse();
  }
}
