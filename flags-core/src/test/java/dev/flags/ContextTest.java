package dev.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Context}: builder semantics, lookups, equality. */
final class ContextTest {

  @Test
  void builder_typedSetters_storeStringDoubleBooleanAndList() {
    Context c = Context.newBuilder("u")
        .set("s", "text")
        .set("d", 2.5)
        .set("l", 7L)
        .set("b", true)
        .set("list", List.of("a", "b"))
        .set("t", Instant.ofEpochMilli(1_234L))
        .build();

    assertThat(c.key()).isEqualTo("u");
    assertThat(c.get("s")).isEqualTo("text");
    assertThat(c.get("d")).isEqualTo(2.5);
    assertThat(c.get("l")).isEqualTo(7.0);
    assertThat(c.get("b")).isEqualTo(true);
    assertThat(c.get("list")).isEqualTo(List.of("a", "b"));
    assertThat(c.get("t")).isEqualTo(1_234.0);
    assertThat(c.get("missing")).isNull();
    assertThat(c.attributeNames()).containsExactly("s", "d", "l", "b", "list", "t");
  }

  @Test
  void newBuilder_sized_holdsMoreThanExpectedAndNone() {
    Context.Builder b = Context.newBuilder("u", 1);
    for (int i = 0; i < 12; i++) {
      b.set("a" + i, (long) i);
    }
    Context c = b.build();

    assertThat(c.attributeNames()).hasSize(12);
    assertThat(c.get("a11")).isEqualTo(11.0);
    assertThat(Context.newBuilder("u", 0).set("x", "y").build().get("x")).isEqualTo("y");
    assertThat(Context.newBuilder("", 0).build()).isSameAs(Context.EMPTY);
  }

  @Test
  void newBuilder_negativeSize_throwsNamingTheArgument() {
    assertThatThrownBy(() -> Context.newBuilder("u", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedAttributes")
        .hasMessageContaining("-1");
  }

  @Test
  void builder_setTwice_keepsTheLastValueInTheFirstPosition() {
    Context c = Context.newBuilder("u").set("a", "1").set("b", "2").set("a", 3L).build();

    assertThat(c.get("a")).isEqualTo(3.0);
    assertThat(c.attributeNames()).containsExactly("a", "b");
  }

  @Test
  void builder_reservedOrEmptyName_isRejected() {
    Context.Builder b = Context.newBuilder("u");

    assertThatThrownBy(() -> b.set("key", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'key'");
    assertThatThrownBy(() -> b.set("", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.set("key", 1L)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.set("", true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.set("key", List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_nulls_throwNullPointerException() {
    Context.Builder b = Context.newBuilder("u");

    assertThatThrownBy(() -> Context.newBuilder(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Context.of(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.set(null, "x")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.set("a", (String) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.set("a", (Instant) null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.set("a", (List<String>) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.set("a", Arrays.asList("x", null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void builder_listAttribute_isCopiedAndUnmodifiable() {
    List<String> groups = new ArrayList<>(List.of("a"));
    Context c = Context.newBuilder("u").set("groups", groups).build();

    groups.add("b");

    assertThat(c.get("groups")).isEqualTo(List.of("a"));
    @SuppressWarnings("unchecked")
    List<String> stored = (List<String>) c.get("groups");
    assertThatThrownBy(() -> stored.add("c")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builder_usedAfterBuild_doesNotChangeTheBuiltContext() {
    Context.Builder b = Context.newBuilder("u").set("a", "1");
    Context first = b.build();

    b.set("a", "2").set("b", "3");

    assertThat(first.get("a")).isEqualTo("1");
    assertThat(first.get("b")).isNull();
    assertThat(b.build().get("a")).isEqualTo("2");
  }

  @Test
  void get_twentyAttributes_findsEachThroughTheIndex() {
    Context.Builder b = Context.newBuilder("u");
    for (int i = 0; i < 20; i++) {
      b.set("attr" + i, "value" + i);
    }
    b.set("attr3", "changed").set("attr19", 19L);
    Context c = b.build();

    for (int i = 0; i < 20; i++) {
      Object expected = i == 3 ? "changed" : i == 19 ? (Object) 19.0 : "value" + i;
      assertThat(c.get("attr" + i)).as("attr%d", i).isEqualTo(expected);
    }
    assertThat(c.get("attr20")).isNull();
    assertThat(c.get("key")).isEqualTo("u");
    assertThat(c.attributeNames()).hasSize(20).startsWith("attr0").endsWith("attr19");
  }

  @Test
  void get_twentyAttributes_workInConditions() {
    Context.Builder b = Context.newBuilder("u");
    for (int i = 0; i < 20; i++) {
      b.set("attr" + i, "value" + i);
    }
    Flags flags = TestDocuments.conditionFlag(
        "{\"attribute\": \"attr17\", \"op\": \"equals\", \"value\": \"value17\"}",
        "{\"attribute\": \"attr0\", \"op\": \"equals\", \"value\": \"value0\"}",
        "{\"attribute\": \"attr99\", \"op\": \"exists\", \"negate\": true}");

    assertThat(TestDocuments.matches(flags, b.build())).isTrue();
  }

  @Test
  void get_nameOfAnotherInstance_findsTheAttributeByContent() {
    Context c = Context.newBuilder("u").set("country", "NZ").set("plan", "pro").build();

    // Names built at run time are not the interned literals the context holds.
    assertThat(c.get(new String("plan"))).isEqualTo("pro");
    assertThat(c.get(new String("country"))).isEqualTo("NZ");
    assertThat(c.get(new String("key"))).isEqualTo("u");
    assertThat(c.get(new String("tier"))).isNull();
  }

  @Test
  void get_namesWithTheSameHash_areToldApartByContent() {
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    Context c = Context.newBuilder("u")
        .set("Aa", "first")
        .set(new String("BB"), "second")
        .build();

    assertThat(c.get("Aa")).isEqualTo("first");
    assertThat(c.get("BB")).isEqualTo("second");
    assertThat(c.get(new String("Aa"))).isEqualTo("first");
    assertThat(c.get("C#")).as("same hash, no such attribute").isNull();
    assertThat(Context.newBuilder("u")
            .set("Aa", "1")
            .set(new String("Aa"), "2")
            .build()
            .get("Aa"))
        .as("the same name as another instance replaces the value")
        .isEqualTo("2");
  }

  @Test
  void get_key_returnsTheContextKeyOrNullWhenAnonymous() {
    assertThat(Context.of("u").get("key")).isEqualTo("u");
    assertThat(Context.EMPTY.get("key")).isNull();
    assertThat(Context.newBuilder("").set("a", "b").build().get("key")).isNull();
  }

  @Test
  void empty_hasNoKeyAndNoAttributes() {
    assertThat(Context.EMPTY.key()).isEmpty();
    assertThat(Context.EMPTY.attributeNames()).isEmpty();
    assertThat(Context.EMPTY.get("anything")).isNull();
    assertThat(Context.of("")).isSameAs(Context.EMPTY);
    assertThat(Context.newBuilder("").build()).isSameAs(Context.EMPTY);
  }

  @Test
  void equals_sameKeyAndAttributes_areEqualWhateverTheOrder() {
    Context a = Context.newBuilder("u").set("x", "1").set("y", 2L).build();
    Context b = Context.newBuilder("u").set("y", 2.0).set("x", "1").build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(b).isEqualTo(a);
  }

  @Test
  void equals_differentKeyOrAttributes_areNotEqual() {
    Context a = Context.newBuilder("u").set("x", "1").build();

    assertThat(a).isNotEqualTo(Context.newBuilder("v").set("x", "1").build());
    assertThat(a).isNotEqualTo(Context.newBuilder("u").set("x", "2").build());
    assertThat(a).isNotEqualTo(Context.newBuilder("u").set("x", 1L).build());
    assertThat(a)
        .isNotEqualTo(Context.newBuilder("u").set("x", "1").set("y", "1").build());
    assertThat(a).isNotEqualTo(Context.of("u"));
    assertThat(a).isNotEqualTo(null);
    assertThat(a).isNotEqualTo("u");
  }

  @Test
  void equals_largeContexts_compareByContent() {
    Context.Builder x = Context.newBuilder("u");
    Context.Builder y = Context.newBuilder("u");
    for (int i = 0; i < 20; i++) {
      x.set("a" + i, i);
      y.set("a" + (19 - i), 19 - i);
    }

    assertThat(x.build()).isEqualTo(y.build()).hasSameHashCodeAs(y.build());
  }

  @Test
  void equals_listAttributes_compareElementwise() {
    Context a = Context.newBuilder("u").set("g", List.of("a", "b")).build();

    assertThat(a)
        .isEqualTo(
            Context.newBuilder("u").set("g", new ArrayList<>(List.of("a", "b"))).build());
    assertThat(a)
        .isNotEqualTo(Context.newBuilder("u").set("g", List.of("b", "a")).build());
  }

  @Test
  void toString_showsKeyAndAttributes() {
    assertThat(Context.newBuilder("u").set("plan", "pro").build().toString())
        .isEqualTo("Context{key=u, attributes={plan=pro}}");
  }

  @Test
  void builder_setAfterBuildOverwritingAName_builtContextKeepsItsValue() {
    Context.Builder b = Context.newBuilder("u").set("plan", "pro").set("age", 30L);
    Context first = b.build();

    Context second = b.set("plan", "free").set("country", "NZ").build();

    assertThat(first.get("plan")).isEqualTo("pro");
    assertThat(first.attributeNames()).containsExactly("plan", "age");
    assertThat(second.get("plan")).isEqualTo("free");
    assertThat(second.attributeNames()).containsExactly("plan", "age", "country");
  }

  @Test
  void builder_moreAttributesThanItsInitialRoom_keepsThemAllInOrder() {
    Context.Builder b = Context.newBuilder("u");
    for (int i = 0; i < 12; i++) {
      b.set("a" + i, (long) i);
    }

    Context c = b.build();

    assertThat(c.attributeNames()).hasSize(12).startsWith("a0", "a1").endsWith("a11");
    assertThat(c.get("a11")).isEqualTo(11.0);
  }

  @Test
  void keyHash_sameKey_sameHashAndStableAcrossCalls() {
    Context a = Context.newBuilder("user-42").set("plan", "pro").build();
    Context b = Context.of("user-42");

    assertThat(a.keyHash()).isEqualTo(b.keyHash()).isEqualTo(a.keyHash());
    assertThat(Context.of("user-43").keyHash()).isNotEqualTo(a.keyHash());
  }
}
