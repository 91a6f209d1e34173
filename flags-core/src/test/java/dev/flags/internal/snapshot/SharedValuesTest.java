package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Evaluation;
import dev.flags.Evaluation.Trait;
import dev.flags.Reason;
import dev.flags.internal.snapshot.FlagDocument.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link SharedValues}: equal arrays and lists come back as the first instance seen. */
final class SharedValuesTest {

  @Test
  void share_equalContents_firstInstance() {
    SharedValues shared = new SharedValues();
    int[] first = {0, 1};

    assertThat(shared.share(first)).isSameAs(first);
    assertThat(shared.share(new int[] {0, 1})).isSameAs(first);
  }

  @Test
  void share_differentContentsOrLengths_kept() {
    SharedValues shared = new SharedValues();
    int[] a = {0, 1};
    int[] b = {1, 0};
    int[] c = {0, 1, -1};
    int[] empty = {};

    assertThat(shared.share(a)).isSameAs(a);
    assertThat(shared.share(b)).isSameAs(b);
    assertThat(shared.share(c)).isSameAs(c);
    assertThat(shared.share(empty)).isSameAs(empty);
    assertThat(shared.share(new int[0])).isSameAs(empty);
  }

  @Test
  void share_scratchRange_copiedOnceThenTheSharedInstance_scratchNotKept() {
    SharedValues shared = new SharedValues();
    int[] scratch = {0, 1, 7, 7};

    int[] first = shared.share(scratch, 2);
    scratch[0] = 5; // the caller fills its scratch again
    scratch[1] = 6;
    // Were the kept key the scratch array, it would now read {5, 6} and this would miss.
    assertThat(shared.share(new int[] {0, 1})).isSameAs(first);
    int[] other = shared.share(scratch, 2);
    scratch[0] = 0;
    scratch[1] = 1;
    int[] again = shared.share(scratch, 2);

    assertThat(first).containsExactly(0, 1).isNotSameAs(scratch);
    assertThat(other).containsExactly(5, 6);
    assertThat(again).isSameAs(first);
    assertThat(shared.share(scratch, 3)).containsExactly(0, 1, 7); // a longer range is another
  }

  @Test
  void share_equalLists_firstInstance() {
    SharedValues shared = new SharedValues();
    List<String> first = List.of("country", "plan");

    assertThat(shared.share(first)).isSameAs(first);
    assertThat(shared.share(new ArrayList<>(List.of("country", "plan")))).isSameAs(first);
    assertThat(shared.share(List.of("plan"))).isEqualTo(List.of("plan"));
  }

  private static final Variant ON = new Variant("on", true, "true");
  private static final List<String> ATTRS = List.of("country");

  @Test
  void shareAttributes_copiedOnceThenTheSharedInstance_scratchNotKept() {
    SharedValues shared = new SharedValues();
    List<String> scratch = new ArrayList<>(List.of("country", "plan", "tier"));

    List<String> first = shared.shareAttributes(scratch);
    scratch.set(0, "changed"); // filled again for the next flag
    List<String> other = shared.shareAttributes(scratch);
    scratch.set(0, "country");
    List<String> again = shared.shareAttributes(scratch);

    assertThat(first).containsExactly("country", "plan", "tier").isNotSameAs(scratch);
    assertThat(other).containsExactly("changed", "plan", "tier");
    assertThat(again).isSameAs(first);
    assertThat(List.copyOf(first)).isSameAs(first);
  }

  @Test
  void shareAttributes_anEqualListSharedBefore_isNotTheAttributes() {
    SharedValues shared = new SharedValues();
    // A flag's tags, read from a document: equal strings, not the interned names.
    List<String> tags = List.of(new String("plan".toCharArray()), new String("tier".toCharArray()));
    assertThat(shared.share(tags)).isSameAs(tags);

    List<String> attributes = shared.shareAttributes(new ArrayList<>(List.of("plan", "tier")));

    assertThat(attributes).isNotSameAs(tags);
    assertThat(attributes.get(0)).isSameAs("plan");
    assertThat(attributes.get(1)).isSameAs("tier");
  }

  @Test
  void noVariant_sameParts_theSharedBuiltResult_foundWithoutBuildingOne() {
    SharedValues shared = new SharedValues();
    List<String> attributes = List.of("country");
    Evaluation built = shared.share(Evaluation.noVariant("v1", attributes), true);

    assertThat(shared.noVariant("v1", new ArrayList<>(attributes), true)).isSameAs(built);
    assertThat(shared.noVariant("v2", attributes, true)).isNotSameAs(built);
    assertThat(shared.noVariant("v1", List.of(), true)).isNotSameAs(built);
    assertThat(shared.noVariant("v1", attributes, false)).isNotSameAs(built);

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    for (int i = 0; i < 20_000; i++) {
      shared.noVariant("v1", attributes, true); // warm
    }
    int others = 0;
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 10_000; i++) {
      if (shared.noVariant("v1", attributes, true) != built) {
        others++;
      }
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;

    assertThat(others).isZero();
    assertThat(allocated).as("bytes for 10,000 lookups of a known result").isLessThan(10_000);
  }

  @Test
  void served_sameParts_oneInstance_likeASharedBuiltResult() {
    SharedValues shared = new SharedValues();
    Evaluation built = shared.share(
        CompiledFlag.served(ON, Reason.RULE_MATCH, "r1", null, "v1", Set.of(), ATTRS), true);

    Evaluation looked = shared.served(
        new Variant("on", true, "true"),
        Reason.RULE_MATCH,
        "r1",
        null,
        "v1",
        Set.of(),
        new ArrayList<>(ATTRS),
        true);

    assertThat(looked).isSameAs(built);
    assertThat(shared.served(ON, Reason.RULE_MATCH, "r1", null, "v1", Set.of(), ATTRS, true))
        .isSameAs(built);
  }

  @Test
  void served_anyPartDiffers_anotherResult() {
    SharedValues shared = new SharedValues();
    Evaluation first =
        shared.served(ON, Reason.RULE_MATCH, "r1", null, "v1", Set.of(), ATTRS, true);
    List<Evaluation> others = List.of(
        shared.served(
            new Variant("on", false, "false"),
            Reason.RULE_MATCH,
            "r1",
            null,
            "v1",
            Set.of(),
            ATTRS,
            true),
        shared.served(
            new Variant("on", true, "1"),
            Reason.RULE_MATCH,
            "r1",
            null,
            "v1",
            Set.of(),
            ATTRS,
            true),
        shared.served(
            new Variant("yes", true, "true"),
            Reason.RULE_MATCH,
            "r1",
            null,
            "v1",
            Set.of(),
            ATTRS,
            true),
        shared.served(ON, Reason.FALLTHROUGH, null, null, "v1", Set.of(), ATTRS, true),
        shared.served(ON, Reason.RULE_MATCH, "r2", null, "v1", Set.of(), ATTRS, true),
        shared.served(ON, Reason.PREREQUISITE_FAILED, null, "p", "v1", Set.of(), ATTRS, true),
        shared.served(ON, Reason.RULE_MATCH, "r1", null, "v2", Set.of(), ATTRS, true),
        shared.served(ON, Reason.RULE_MATCH, "r1", null, "v1", Set.of(Trait.ROLLOUT), ATTRS, true),
        shared.served(ON, Reason.RULE_MATCH, "r1", null, "v1", Set.of(Trait.STATIC), ATTRS, true),
        shared.served(ON, Reason.RULE_MATCH, "r1", null, "v1", Set.of(Trait.KEY_ONLY), ATTRS, true),
        shared.served(ON, Reason.RULE_MATCH, "r1", null, "v1", Set.of(), List.of("plan"), true));

    assertThat(others).allSatisfy(e -> assertThat(e).isNotSameAs(first));
    assertThat(others).doesNotHaveDuplicates();
    assertThat(others.get(9).attributes()).as("key-only keeps no attributes").isEmpty();
    assertThat(shared.served(ON, Reason.RULE_MATCH, "r1", null, "v1", Set.of(), ATTRS, true))
        .isSameAs(first);
  }

  @Test
  void served_notShareable_aNewResultEachTime() {
    SharedValues shared = new SharedValues();
    Evaluation a = shared.served(ON, Reason.FALLTHROUGH, null, null, "v1", Set.of(), ATTRS, false);
    Evaluation b = shared.served(ON, Reason.FALLTHROUGH, null, null, "v1", Set.of(), ATTRS, false);

    assertThat(a).isNotSameAs(b);
    assertThat(b.variant()).isEqualTo("on");
    assertThat(b.attributes()).isEqualTo(ATTRS);
  }
}
