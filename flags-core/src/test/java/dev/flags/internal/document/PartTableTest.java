package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Equal parts held once, best effort, in a table that stays small. */
final class PartTableTest {
  /** A part with a hash the test chooses; the same as another when its text is equal. */
  private static final class Part {
    final int hash;
    final String text;

    Part(int hash, String text) {
      this.hash = hash;
      this.text = text;
    }
  }

  private static PartTable<Part> table() {
    return new PartTable<>(p -> p.hash, (p, q) -> p.text.equals(q.text));
  }

  @Test
  void share_anEqualPartSeenBefore_isTheEarlierInstance() {
    PartTable<Part> table = table();
    Part first = new Part(1, "on-off");

    assertThat(table.share(first)).isSameAs(first);
    assertThat(table.share(new Part(1, "on-off"))).isSameAs(first);
  }

  @Test
  void share_sameHashOtherPart_notShared_andTakesTheSlot() {
    PartTable<Part> table = table();
    Part a = new Part(7, "a");
    Part b = new Part(7, "b");
    Part a2 = new Part(7, "a");

    assertThat(table.share(a)).isSameAs(a);
    assertThat(table.share(b)).as("equal hash, other part").isSameAs(b);
    assertThat(table.share(a2)).as("b took a's slot").isSameAs(a2);
  }

  @Test
  void share_otherHashSameText_notShared() {
    // A hash is trusted to agree with the equality: parts found in other slots are not compared.
    PartTable<Part> table = table();
    Part a = new Part(1, "x");
    Part b = new Part(2, "x");

    table.share(a);

    assertThat(table.share(b)).isSameAs(b);
  }

  @Test
  void slots_growWhileManyPartsMiss_upToTheMaximum() {
    PartTable<Part> table = table();
    int start = table.slots();
    for (int i = 0; i < start; i++) {
      table.share(new Part(i, "x"));
    }
    assertThat(table.slots()).as("as many misses as slots").isEqualTo(start);

    table.share(new Part(start, "x"));
    assertThat(table.slots()).isEqualTo(start * 2);

    for (int i = 0; i < 100_000; i++) {
      table.share(new Part(i, "y"));
    }
    assertThat(table.slots()).isEqualTo(PartTable.MAX_SLOTS);
  }

  @Test
  void share_afterGrowing_partsSeenBeforeStillFound() {
    PartTable<Part> table = table();
    Part kept = new Part(3, "kept");
    table.share(kept);
    // Enough parts to make it grow, none of them in the kept part's slot (their low bits differ).
    for (int i = 0; i < 2 * table.slots(); i++) {
      table.share(new Part(i * 16 + 5, "other"));
    }

    assertThat(table.share(new Part(3, "kept"))).isSameAs(kept);
  }

  @Test
  void share_aPartRepeatedAmongManyDistinctOnes_mostlyShared() {
    // The common case: one rollout or variant pair repeated by most flags of a large document,
    // among thousands of distinct parts.
    PartTable<Part> table =
        new PartTable<>(p -> p.text.hashCode(), (p, q) -> p.text.equals(q.text));
    Part held = table.share(new Part(0, "on-off"));
    int shared = 0;
    for (int i = 0; i < 10_000; i++) {
      table.share(new Part(0, "distinct-" + i));
      Part got = table.share(new Part(0, "on-off"));
      shared += got == held ? 1 : 0;
      held = got; // after an eviction, the part that took the slot again
    }

    assertThat(shared).isGreaterThan(9_900);
  }
}
