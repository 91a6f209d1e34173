package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The open-addressing string set behind targets, segment key lists and {@code in}, which is also
 * the list of the strings it was made from.
 */
final class StringSetTest {

  @Test
  void contains_caseSensitive_findsExactlyTheMembers() {
    StringSet set = StringSet.of(List.of("alice", "bob", "carol"), false);

    assertThat(set.contains("alice")).isTrue();
    assertThat(set.contains("bob")).isTrue();
    assertThat(set.contains("carol")).isTrue();
    assertThat(set.contains("Alice")).isFalse();
    assertThat(set.contains("dave")).isFalse();
    assertThat(set.contains("")).isFalse();
    assertThat(set.distinct()).isEqualTo(3);
  }

  @Test
  void contains_otherInstanceOrSameHash_decidesByContent() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    StringSet set = StringSet.of(List.of("Aa", "x"), false);

    assertThat(set.contains(new String("Aa"))).isTrue();
    assertThat(set.contains("BB")).as("same hash, other text").isFalse();
    assertThat(StringSet.of(List.of("Aa", "BB"), false).contains(new String("BB")))
        .isTrue();
  }

  @Test
  void of_empty_containsNothing() {
    assertThat(StringSet.of(List.of(), false).contains("")).isFalse();
    assertThat(StringSet.of(List.of(), false).contains("a")).isFalse();
    assertThat(StringSet.of(List.of(), true).contains("")).isFalse();
    assertThat(StringSet.of(List.of(), true).contains("A")).isFalse();
    assertThat(StringSet.of(List.of(), true).distinct()).isZero();
  }

  @Test
  void of_emptyString_isAnOrdinaryMember() {
    StringSet set = StringSet.of(List.of(""), false);

    assertThat(set.contains("")).isTrue();
    assertThat(set.contains(" ")).isFalse();
  }

  @Test
  void of_duplicates_areStoredOnce() {
    StringSet set = StringSet.of(List.of("a", "b", "a", "a", "b"), false);

    assertThat(set.distinct()).isEqualTo(2);
    assertThat(set.contains("a")).isTrue();
    assertThat(set.contains("b")).isTrue();
  }

  @Test
  void of_caseVariantsWhenIgnoringCase_areDuplicates() {
    StringSet set = StringSet.of(List.of("NZ", "nz", "Nz", "AU"), true);

    assertThat(set.distinct()).isEqualTo(2);
  }

  @Test
  void of_caseVariantsWhenCaseSensitive_areDistinct() {
    StringSet set = StringSet.of(List.of("NZ", "nz", "Nz"), false);

    assertThat(set.distinct()).isEqualTo(3);
  }

  @Test
  void contains_ignoreCase_matchesAsciiAndNonAsciiVariants() {
    StringSet set = StringSet.of(List.of("nz", "ÄÖ", "straße", "Σίσυφος"), true);

    assertThat(set.contains("NZ")).isTrue();
    assertThat(set.contains("äö")).isTrue();
    assertThat(set.contains("STRAßE")).isTrue();
    assertThat(set.contains("ΣΊΣΥΦΟΣ")).isTrue();
    assertThat(set.contains("σίσυφος")).isTrue();
    assertThat(set.contains("strasse")).isFalse(); // equalsIgnoreCase does not expand ß
    assertThat(set.contains("ao")).isFalse();
  }

  @Test
  void contains_ignoreCase_supplementaryCasePair_matches() {
    String upper = new String(Character.toChars(0x10400)); // DESERET CAPITAL LONG I
    String lower = new String(Character.toChars(0x10428)); // DESERET SMALL LONG I
    assertThat(upper.equalsIgnoreCase(lower)).isTrue();

    StringSet set = StringSet.of(List.of("id-" + lower), true);

    assertThat(set.contains("ID-" + upper)).isTrue();
    assertThat(set.contains("id-" + lower)).isTrue();
  }

  @Test
  void contains_ignoreCase_agreesWithEqualsIgnoreCaseForEveryCodePoint() {
    // Every code point against its case mappings: the set must find whatever
    // String.equalsIgnoreCase calls equal (the hash must fold exactly as it does).
    List<String> misses = new ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (Character.getType(cp) == Character.UNASSIGNED
          || (Character.isSurrogate((char) cp) && cp <= 0xFFFF)) {
        continue;
      }
      int[] variants = {
        Character.toUpperCase(cp),
        Character.toLowerCase(cp),
        Character.toTitleCase(cp),
        Character.toLowerCase(Character.toUpperCase(cp)),
        Character.toUpperCase(Character.toLowerCase(cp))
      };
      String member = new String(Character.toChars(cp));
      StringSet set = null;
      for (int v : variants) {
        if (v == cp) {
          continue;
        }
        String probe = new String(Character.toChars(v));
        if (member.equalsIgnoreCase(probe)) {
          if (set == null) {
            set = StringSet.of(List.of(member), true);
          }
          if (!set.contains(probe)) {
            misses.add(Integer.toHexString(cp) + "~" + Integer.toHexString(v));
          }
        }
      }
    }

    assertThat(misses).isEmpty();
  }

  @Test
  void contains_ignoreCase_agreesWithALinearEqualsIgnoreCaseScan() {
    Random random = new Random(7);
    String alphabet = "aAbBzZäÄöÖßσΣςİıiI0_-" + new String(Character.toChars(0x10400))
        + new String(Character.toChars(0x10428)) + "\uD800";
    int[] cps = alphabet.codePoints().toArray();
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      members.add(randomString(random, cps));
    }
    StringSet set = StringSet.of(members, true);

    for (int i = 0; i < 20_000; i++) {
      String probe = i % 2 == 0
          ? flipCase(random, members.get(random.nextInt(members.size())))
          : randomString(random, cps);
      boolean expected = false;
      for (String m : members) {
        if (m.equalsIgnoreCase(probe)) {
          expected = true;
          break;
        }
      }
      assertThat(set.contains(probe)).as("probe %s", probe).isEqualTo(expected);
    }
  }

  @Test
  void contains_manyKeys_findsAllMembersAndNoOthers() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      keys.add("key-" + i);
    }
    StringSet set = StringSet.of(keys, false);

    assertThat(set.distinct()).isEqualTo(100_000);
    for (int i = 0; i < 100_000; i++) {
      assertThat(set.contains("key-" + i)).isTrue();
      assertThat(set.contains("key-" + (i + 100_000))).isFalse();
    }
  }

  @Test
  void contains_stringsWithCollidingHashCodes_areToldApart() {
    // "Aa" and "BB" share String.hashCode; so do their concatenations.
    Set<String> colliding = new HashSet<>(List.of("AaAa", "AaBB", "BBAa", "BBBB"));
    StringSet set = StringSet.of(List.of("AaAa", "BBBB"), false);

    assertThat(set.contains("AaAa")).isTrue();
    assertThat(set.contains("BBBB")).isTrue();
    assertThat(set.contains("AaBB")).isFalse();
    assertThat(set.contains("BBAa")).isFalse();
    assertThat(colliding).extracting(String::hashCode).containsOnly("AaAa".hashCode());
  }

  @Test
  void list_keepsTheOrderAndDuplicatesGiven() {
    List<String> given = List.of("carol", "alice", "carol", "bob", "alice");
    StringSet set = StringSet.of(given, false);

    assertThat(set).containsExactly("carol", "alice", "carol", "bob", "alice");
    assertThat(set.size()).isEqualTo(5);
    assertThat(set.distinct()).isEqualTo(3);
    assertThat(set.get(2)).isEqualTo("carol");
    assertThat(set).isEqualTo(given).hasSameHashCodeAs(given);
    assertThat(given).isEqualTo(set);
    assertThat(set).hasToString(given.toString());
  }

  @Test
  void of_aSetOfTheSameCaseMode_isThatSet() {
    StringSet sensitive = StringSet.of(List.of("a", "B"), false);
    StringSet insensitive = StringSet.of(List.of("a", "B"), true);

    assertThat(StringSet.of(sensitive, false)).isSameAs(sensitive);
    assertThat(StringSet.of(insensitive, true)).isSameAs(insensitive);
    StringSet folded = StringSet.of(sensitive, true);
    assertThat(folded).isNotSameAs(sensitive).containsExactly("a", "B");
    assertThat(folded.contains("b")).isTrue();
    assertThat(StringSet.of(insensitive, false).contains("b")).isFalse();
  }

  @Test
  void of_empty_isOneSetAndAnEmptyList() {
    StringSet empty = StringSet.of(List.of(), false);

    assertThat(StringSet.of(new ArrayList<>(), false)).isSameAs(empty);
    assertThat(empty).isEmpty();
    assertThat(empty).isEqualTo(List.of());
    assertThat(empty.capacity()).isZero();
    assertThat(empty.slot("a")).isEqualTo(-1);
    assertThat(StringSet.of(List.of(), true)).isEmpty();
    assertThat(StringSet.of(List.of(), true).slot("a")).isEqualTo(-1);
  }

  @Test
  void slot_byteIndexed_isTheIndexOfTheFirstOccurrence() {
    StringSet set = StringSet.of(List.of("a", "b", "a", "c", "b"), false);

    assertThat(set.capacity()).isEqualTo(5);
    assertThat(set.slot(new String("a"))).isZero();
    assertThat(set.slot(new String("b"))).isEqualTo(1);
    assertThat(set.slot(new String("c"))).isEqualTo(3);
    assertThat(set.slot("d")).isEqualTo(-1);
  }

  @Test
  void slot_atMostByteIndexedKeys_isTheKeysIndex() {
    for (int n : new int[] {1, 2, 10, 254, StringSet.BYTE_INDEXED}) {
      List<String> keys = keys(n, "key-");
      StringSet set = StringSet.of(keys, false);

      assertThat(set.capacity()).as("n=%d", n).isEqualTo(n);
      for (int i = 0; i < n; i++) {
        assertThat(set.slot(new String(keys.get(i)))).as("n=%d i=%d", n, i).isEqualTo(i);
        assertThat(set.contains(new String(keys.get(i)))).isTrue();
      }
      assertAbsent(set, n);
    }
  }

  @Test
  void slot_moreKeys_isATablePositionBelowCapacity() {
    for (int n : new int[] {StringSet.BYTE_INDEXED + 1, 1000}) {
      List<String> keys = keys(n, "key-");
      StringSet set = StringSet.of(keys, false);

      assertThat(set.capacity()).as("n=%d", n).isGreaterThanOrEqualTo(2 * n);
      Set<Integer> slots = new HashSet<>();
      for (int i = 0; i < n; i++) {
        int slot = set.slot(new String(keys.get(i)));
        assertThat(slot).as("n=%d i=%d", n, i).isBetween(0, set.capacity() - 1);
        slots.add(slot);
        assertThat(set.contains(keys.get(i))).isTrue();
      }
      assertThat(slots).as("one slot per member").hasSize(n);
      assertThat(set).isEqualTo(keys);
      assertThat(set.distinct()).isEqualTo(n);
      assertAbsent(set, n);
    }
  }

  @Test
  void slot_moreKeysWithDuplicates_sameSlotForEachOccurrence() {
    List<String> keys = keys(200, "key-");
    keys.addAll(keys(100, "key-")); // 300 entries, 200 members
    StringSet set = StringSet.of(keys, false);

    assertThat(set).hasSize(300).isEqualTo(keys);
    assertThat(set.distinct()).isEqualTo(200);
    assertThat(set.capacity()).isGreaterThan(300);
    for (int i = 0; i < 100; i++) {
      assertThat(set.slot(keys.get(200 + i))).isEqualTo(set.slot(keys.get(i)));
    }
  }

  @Test
  void ignoreCase_bothForms_findCaseVariantsInOneSlot() {
    for (int n : new int[] {StringSet.BYTE_INDEXED, StringSet.BYTE_INDEXED + 1}) {
      List<String> keys = keys(n, "Key-");
      StringSet set = StringSet.of(keys, true);

      assertThat(set).as("n=%d", n).isEqualTo(keys);
      for (int i = 0; i < n; i++) {
        int slot = set.slot(keys.get(i));
        assertThat(slot).isBetween(0, set.capacity() - 1);
        assertThat(set.slot("KEY-" + i)).as("n=%d i=%d", n, i).isEqualTo(slot);
        assertThat(set.contains("key-" + i)).isTrue();
      }
      assertThat(set.contains("key-" + n)).isFalse();
      assertThat(set.slot("kez-0")).isEqualTo(-1);
      assertThat(StringSet.of(keys, false).contains("KEY-0")).isFalse();
    }
  }

  @Test
  void ignoreCase_byteIndexed_firstOccurrenceNumbersTheMember() {
    StringSet set = StringSet.of(List.of("NZ", "AU", "nz"), true);

    assertThat(set.slot("nZ")).isZero();
    assertThat(set.slot("au")).isEqualTo(1);
    assertThat(set.distinct()).isEqualTo(2);
    assertThat(set).containsExactly("NZ", "AU", "nz");
  }

  @Test
  void listContains_isTheSetsMembership() {
    List<String> list = StringSet.of(keys(300, "key-"), false);

    assertThat(list.contains("key-299")).isTrue();
    assertThat(list.contains("key-300")).isFalse();
    assertThat(list.contains((Object) 7)).isFalse();
    assertThat(list.contains(null)).isFalse();
    assertThat(StringSet.of(List.of("a"), false).contains((Object) "a")).isTrue();
  }

  @Test
  void list_isImmutable() {
    for (StringSet set :
        List.of(StringSet.of(List.of("a", "b"), false), StringSet.of(keys(300, "k"), false))) {
      assertThatThrownBy(() -> set.add("c")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> set.set(0, "c")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> set.remove(0)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> set.remove(set.get(1)))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(set::clear).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> set.addAll(List.of("c")))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> {
            var it = set.iterator();
            it.next();
            it.remove();
          })
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void of_copiesTheValues_laterChangesToThemDoNotShow() {
    List<String> values = new ArrayList<>(List.of("a", "b"));
    StringSet set = StringSet.of(values, false);
    values.set(0, "z");
    values.add("c");

    assertThat(set).containsExactly("a", "b");
    assertThat(set.contains("z")).isFalse();
  }

  /** Probes that are not members: another prefix, a number past the last, and the empty string. */
  private static void assertAbsent(StringSet set, int n) {
    for (int i = 0; i < n; i++) {
      assertThat(set.slot("other-" + i)).isEqualTo(-1);
    }
    assertThat(set.slot("key-" + n)).isEqualTo(-1);
    assertThat(set.contains("")).isFalse();
  }

  private static List<String> keys(int n, String prefix) {
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(prefix + i);
    }
    return keys;
  }

  private static String randomString(Random random, int[] cps) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(cps[random.nextInt(cps.length)]);
    }
    return sb.toString();
  }

  private static String flipCase(Random random, String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints()
        .forEach(cp -> sb.appendCodePoint(
            random.nextBoolean() ? Character.toUpperCase(cp) : Character.toLowerCase(cp)));
    return sb.toString();
  }
}
