package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One reused list handing out each list read at its exact size. */
final class ListGathererTest {
  private final ListGatherer<String> gatherer = new ListGatherer<>();

  @Test
  void finish_givesTheElementsInOrder_unmodifiable_andEmptiesTheGatherer() {
    ListGatherer<String> g = gatherer.start();
    g.add("a");
    g.add("b");
    g.add("c");

    List<String> out = g.finish();

    assertThat(out).containsExactly("a", "b", "c");
    assertThat(g.size()).isZero();
    assertThatThrownBy(() -> out.add("d")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void finish_listsHandedOutEarlier_doNotChangeWhenTheNextIsGathered() {
    ListGatherer<String> g = gatherer.start();
    g.add("first");
    List<String> first = g.finish();

    g.start().add("second");
    g.add("third");
    List<String> next = g.finish();

    assertThat(first).containsExactly("first");
    assertThat(next).containsExactly("second", "third");
  }

  @Test
  void start_dropsWhatAnUnfinishedListGathered() {
    gatherer.start().add("abandoned");

    ListGatherer<String> g = gatherer.start();
    g.add("kept");

    assertThat(g.size()).isOne();
    assertThat(g.finish()).containsExactly("kept");
  }

  @Test
  void finish_nothingGathered_isEmpty() {
    assertThat(gatherer.start().finish()).isEmpty();
  }

  @Test
  void finish_everyLength_upToPastTheOneCopyRange_givesItsOwnList() {
    ListGatherer<String> g = gatherer.start();
    List<List<String>> handedOut = new java.util.ArrayList<>();
    for (int n = 0; n <= ListGatherer.EXACT + 3; n++) {
      g.start();
      for (int i = 0; i < n; i++) {
        g.add(n + ":" + i);
      }
      handedOut.add(g.finish());
    }
    // Again with other elements: no list handed out shares the gatherer's arrays.
    for (int n = 0; n <= ListGatherer.EXACT + 3; n++) {
      g.start();
      for (int i = 0; i < n; i++) {
        g.add("again");
      }
      assertThat(g.finish()).hasSize(n).allMatch("again"::equals);
    }

    for (int n = 0; n < handedOut.size(); n++) {
      List<String> out = handedOut.get(n);
      assertThat(out).hasSize(n);
      for (int i = 0; i < n; i++) {
        assertThat(out.get(i)).isEqualTo(n + ":" + i);
      }
      assertThat(List.copyOf(out))
          .as("already an unmodifiable JDK list: not copied again")
          .isSameAs(out);
    }
  }

  @Test
  void add_null_isRefused() {
    ListGatherer<String> g = gatherer.start();
    assertThatThrownBy(() -> g.add(null)).isInstanceOf(NullPointerException.class);
  }
}
