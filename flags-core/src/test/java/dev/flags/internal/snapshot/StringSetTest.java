package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The open-addressing string set behind targets, segment key lists and {@code in}. */
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
    assertThat(set.size()).isEqualTo(3);
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
    assertThat(StringSet.of(List.of(), true).size()).isZero();
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

    assertThat(set.size()).isEqualTo(2);
    assertThat(set.contains("a")).isTrue();
    assertThat(set.contains("b")).isTrue();
  }

  @Test
  void of_caseVariantsWhenIgnoringCase_areDuplicates() {
    StringSet set = StringSet.of(List.of("NZ", "nz", "Nz", "AU"), true);

    assertThat(set.size()).isEqualTo(2);
  }

  @Test
  void of_caseVariantsWhenCaseSensitive_areDistinct() {
    StringSet set = StringSet.of(List.of("NZ", "nz", "Nz"), false);

    assertThat(set.size()).isEqualTo(3);
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

    assertThat(set.size()).isEqualTo(100_000);
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
