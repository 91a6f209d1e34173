package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FirstIndexTest {

  /**
   * Random names from a small alphabet, so that repeats are common, checked against a map: the
   * same first positions whether the names stay within the scanned array or grow past it.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, FirstIndex.SCANNED, FirstIndex.SCANNED + 1, 50, 1_000})
  void agreesWithAMapAtEverySize(int distinct) {
    Random random = new Random(distinct);
    FirstIndex index = new FirstIndex();
    Map<String, Integer> expected = new HashMap<>();
    for (int i = 0; i < distinct * 3; i++) {
      // A new String each time: found by equality, not by reference.
      String name = new String("name-" + random.nextInt(distinct));
      Integer first = expected.putIfAbsent(name, i);
      assertThat(index.putIfAbsent(name, i)).isEqualTo(first == null ? -1 : first);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, FirstIndex.SCANNED - 1, FirstIndex.SCANNED, FirstIndex.SCANNED + 5})
  void aRepeatAfterManyNamesNamesItsFirstPosition(int before) {
    FirstIndex index = new FirstIndex();
    assertThat(index.putIfAbsent("first", 0)).isEqualTo(-1);
    for (int i = 1; i <= before; i++) {
      assertThat(index.putIfAbsent("other-" + i, i)).isEqualTo(-1);
    }
    assertThat(index.putIfAbsent("first", before + 1)).isZero();
    assertThat(index.putIfAbsent("other-" + before, before + 2))
        .isEqualTo(before == 0 ? -1 : before);
  }

  /** Cleared, small or grown into its map, it knows no name of the list before. */
  @ParameterizedTest
  @ValueSource(ints = {1, FirstIndex.SCANNED, FirstIndex.SCANNED + 1, 40})
  void clear_forgetsEveryName_andWorksAgain(int names) {
    FirstIndex index = new FirstIndex();
    for (int i = 0; i < names; i++) {
      index.putIfAbsent("a-" + i, i);
    }
    assertThat(index.clear()).isSameAs(index);
    for (int i = 0; i < names; i++) {
      assertThat(index.putIfAbsent("a-" + i, 100 + i)).as("a-" + i).isEqualTo(-1);
    }
    assertThat(index.putIfAbsent("a-0", 500)).isEqualTo(100);
  }
}
