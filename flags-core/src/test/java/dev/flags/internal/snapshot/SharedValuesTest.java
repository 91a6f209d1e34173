package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
  void share_equalLists_firstInstance() {
    SharedValues shared = new SharedValues();
    List<String> first = List.of("country", "plan");

    assertThat(shared.share(first)).isSameAs(first);
    assertThat(shared.share(new ArrayList<>(List.of("country", "plan")))).isSameAs(first);
    assertThat(shared.share(List.of("plan"))).isEqualTo(List.of("plan"));
  }
}
