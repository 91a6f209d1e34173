package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A document's key list, which is also the set its compiled snapshot looks keys up in: the list
 * as given, membership in both forms (a byte-indexed table up to {@link KeyList#BYTE_INDEXED} keys,
 * a {@link StringSet} beyond), and immutability.
 */
final class KeyListTest {

  @Test
  void list_keepsTheOrderAndDuplicatesGiven() {
    List<String> given = List.of("carol", "alice", "carol", "bob", "alice");
    KeyList keys = KeyList.of(given);

    assertThat(keys).containsExactly("carol", "alice", "carol", "bob", "alice");
    assertThat(keys.size()).isEqualTo(5);
    assertThat(keys.get(2)).isEqualTo("carol");
    assertThat(keys).isEqualTo(given).hasSameHashCodeAs(given);
    assertThat(given).isEqualTo(keys);
    assertThat(keys).hasToString(given.toString());
  }

  @Test
  void of_aKeyList_isThatList() {
    KeyList keys = KeyList.of(List.of("a", "b"));

    assertThat(KeyList.of(keys)).isSameAs(keys);
  }

  @Test
  void of_empty_isOneEmptyList() {
    KeyList empty = KeyList.of(List.of());

    assertThat(KeyList.of(new ArrayList<>())).isSameAs(empty);
    assertThat(empty).isEmpty();
    assertThat(empty).isEqualTo(List.of());
    assertThat(empty.contains("a")).isFalse();
    assertThat(empty.contains("")).isFalse();
  }

  /** Up to {@link KeyList#BYTE_INDEXED} keys the byte-indexed table, beyond it a StringSet. */
  @Test
  void contains_bothForms_everyKeyAndNoOther() {
    int[] sizes = {1, 2, 10, 254, KeyList.BYTE_INDEXED, KeyList.BYTE_INDEXED + 1, 1000, 100_000};
    for (int n : sizes) {
      List<String> given = keys(n, "key-");
      KeyList keys = KeyList.of(given);

      assertThat(keys).isEqualTo(given);
      for (int i = 0; i < n; i++) {
        // Another instance of each key: found by its contents, not its reference.
        assertThat(keys.contains(new String(given.get(i))))
            .as("n=%d i=%d", n, i)
            .isTrue();
      }
      assertAbsent(keys, n);
    }
  }

  @Test
  void contains_duplicates_bothForms() {
    for (int members : new int[] {100, 200}) {
      List<String> given = keys(members, "key-");
      given.addAll(keys(members / 2, "key-")); // 150 or 300 keys
      KeyList keys = KeyList.of(given);

      assertThat(keys).hasSize(given.size()).isEqualTo(given);
      for (int i = 0; i < members; i++) {
        assertThat(keys.contains("key-" + i)).isTrue();
      }
      assertThat(keys.contains("key-" + members)).isFalse();
    }
  }

  @Test
  void contains_isCaseSensitive() {
    KeyList keys = KeyList.of(List.of("Alice", "BOB"));

    assertThat(keys.contains("Alice")).isTrue();
    assertThat(keys.contains("alice")).isFalse();
    assertThat(keys.contains("bob")).isFalse();
  }

  @Test
  void contains_keysWhoseHashesCollide_allFound() {
    // "Aa" and "BB" share String.hashCode, so these four share it too and probe past each other.
    List<String> colliding = List.of("AaAa", "AaBB", "BBAa", "BBBB");
    KeyList keys = KeyList.of(colliding);

    for (String k : colliding) {
      assertThat(keys.contains(new String(k))).isTrue();
    }
    assertThat(keys.contains("AaAb")).isFalse();
  }

  @Test
  void listContains_isTheIndexedMembership() {
    List<String> keys = KeyList.of(keys(300, "key-"));

    assertThat(keys.contains("key-299")).isTrue();
    assertThat(keys.contains("key-300")).isFalse();
    assertThat(keys.contains((Object) 7)).isFalse();
    assertThat(keys.contains(null)).isFalse();
    assertThat(KeyList.of(List.of("a")).contains((Object) "a")).isTrue();
  }

  @Test
  void list_isImmutable() {
    for (KeyList keys : List.of(KeyList.of(List.of("a", "b")), KeyList.of(keys(300, "k")))) {
      assertThatThrownBy(() -> keys.add("c")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> keys.set(0, "c")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> keys.remove(0)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> keys.remove(keys.get(1)))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(keys::clear).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> keys.addAll(List.of("c")))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> {
            var it = keys.iterator();
            it.next();
            it.remove();
          })
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void of_copiesTheKeys_laterChangesToThemDoNotShow() {
    List<String> given = new ArrayList<>(List.of("a", "b"));
    KeyList keys = KeyList.of(given);
    given.set(0, "z");
    given.add("c");

    assertThat(keys).containsExactly("a", "b");
    assertThat(keys.contains("z")).isFalse();
    assertThat(keys.contains("a")).isTrue();
  }

  /** Keys that are not in the list: another prefix, a number past the last, the empty string. */
  private static void assertAbsent(KeyList keys, int n) {
    for (int i = 0; i < Math.min(n, 1000); i++) {
      assertThat(keys.contains("other-" + i)).isFalse();
    }
    assertThat(keys.contains("key-" + n)).isFalse();
    assertThat(keys.contains("")).isFalse();
  }

  private static List<String> keys(int n, String prefix) {
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(prefix + i);
    }
    return keys;
  }
}
