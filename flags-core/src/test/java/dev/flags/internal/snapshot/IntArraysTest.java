package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link IntArrays}: equal arrays come back as the first instance seen. */
final class IntArraysTest {

  @Test
  void share_equalContents_firstInstance() {
    IntArrays shared = new IntArrays();
    int[] first = {0, 1};

    assertThat(shared.share(first)).isSameAs(first);
    assertThat(shared.share(new int[] {0, 1})).isSameAs(first);
  }

  @Test
  void share_differentContentsOrLengths_kept() {
    IntArrays shared = new IntArrays();
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
}
