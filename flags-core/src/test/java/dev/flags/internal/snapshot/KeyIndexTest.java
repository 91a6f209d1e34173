package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KeyIndex}: each key's position in the order given. */
final class KeyIndexTest {

  @Test
  void positionOf_eachKey_itsPlaceInOrder() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      keys.add("flag-" + i);
    }
    KeyIndex index = new KeyIndex(keys);

    for (int i = 0; i < keys.size(); i++) {
      assertThat(index.positionOf("flag-" + i)).isEqualTo(i); // an equal key, not the same
    }
    assertThat(index.positionOf("flag-10000")).isEqualTo(-1);
    assertThat(index.positionOf("")).isEqualTo(-1);
  }

  @Test
  void positionOf_keysWithEqualHashes_eachFound() {
    // "Aa" and "BB" have the same String hash code, as do their concatenations.
    List<String> keys = List.of("AaAa", "AaBB", "BBAa", "BBBB", "Aa", "BB");
    KeyIndex index = new KeyIndex(keys);

    for (int i = 0; i < keys.size(); i++) {
      assertThat(index.positionOf(keys.get(i))).isEqualTo(i);
    }
    assertThat(index.positionOf("AaAaAa")).isEqualTo(-1);
  }

  @Test
  void emptyOrOne_looksUpWithoutLooping() {
    assertThat(new KeyIndex(List.of()).positionOf("a")).isEqualTo(-1);
    KeyIndex one = new KeyIndex(List.of("a"));
    assertThat(one.positionOf("a")).isZero();
    assertThat(one.positionOf("b")).isEqualTo(-1);
  }

  @Test
  void aKeyGivenTwice_isRefused() {
    assertThatThrownBy(() -> new KeyIndex(List.of("a", "b", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a");
  }
}
