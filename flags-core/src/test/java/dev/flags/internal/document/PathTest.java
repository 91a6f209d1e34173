package dev.flags.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class PathTest {
  @Test
  void root_isTheDollarSign() {
    assertThat(Path.ROOT).hasToString("$");
    assertThat(Path.of("$")).isSameAs(Path.ROOT);
  }

  @Test
  void keysBelowTheRoot_areDotted() {
    assertThat(Path.ROOT.key("schema")).hasToString("schema");
    assertThat(Path.FLAGS.key("new-checkout").key("rules").index(2).key("op"))
        .hasToString("flags.new-checkout.rules[2].op");
    assertThat(Path.SEGMENTS.key("beta_users")).hasToString("segments.beta_users");
  }

  @Test
  void indexBelowTheRoot_standsAlone() {
    assertThat(Path.ROOT.index(0)).hasToString("[0]");
    assertThat(Path.ROOT.index(0).key("a")).hasToString("[0].a");
  }

  @Test
  void keysThatAreNotPlain_areQuotedInBrackets() {
    assertThat(Path.FLAGS.key("new checkout").key("variants"))
        .hasToString("flags[\"new checkout\"].variants");
    assertThat(Path.FLAGS.key("a\"b\\c")).hasToString("flags[\"a\\\"b\\\\c\"]");
    assertThat(Path.FLAGS.key("")).hasToString("flags[\"\"]");
    assertThat(Path.ROOT.key("$schema")).hasToString("[\"$schema\"]");
  }

  @Test
  void pathGivenAsText_isKeptAndExtended() {
    assertThat(Path.of("flags.f.rules[0]")).hasToString("flags.f.rules[0]");
    assertThat(Path.of("flags.f.rules[0]").key("conditions").index(1))
        .hasToString("flags.f.rules[0].conditions[1]");
    assertThat(Path.of("").key("x")).hasToString("x");
    assertThat(Path.of("").index(3)).hasToString("[3]");
  }

  @Test
  void eachStep_isANewPath() {
    Path flag = Path.FLAGS.key("f");

    assertThat(flag.key("a")).hasToString("flags.f.a");
    assertThat(flag.key("b")).hasToString("flags.f.b");
    assertThat(flag).hasToString("flags.f");
  }

  @Test
  void belowAnAnchor_theSameStepIsTheSamePath_namingWhereTheAnchorStands() {
    Path.Anchor anchor = Path.anchor();
    Path a = anchor.at(Path.FLAGS.key("a"));
    Path first = a.key("rules").index(0).key("conditions").index(1);
    assertThat(first).hasToString("flags.a.rules[0].conditions[1]");

    Path b = anchor.at(Path.FLAGS.key("b c"));
    Path again = b.key("rules").index(0).key("conditions").index(1);

    assertThat(again).isSameAs(first).hasToString("flags[\"b c\"].rules[0].conditions[1]");
    assertThat(anchor).hasToString("flags[\"b c\"]");
    assertThat(Path.anchor()).hasToString("$");
  }

  @Test
  void belowAnAnchor_stepsPastWhatIsKept_areStillNamedRight() {
    Path.Anchor anchor = Path.anchor().at(Path.SEGMENTS.key("s"));
    for (int i = 0; i < Path.CACHED + 3; i++) {
      String key = "k" + i; // a new string each time: not the same reference as before
      assertThat(anchor.key(key).key("x")).hasToString("segments.s." + key + ".x");
      assertThat(anchor.key("list").index(i).key("y")).hasToString("segments.s.list[" + i + "].y");
    }
    String equalNotSame = new String("list".toCharArray());
    assertThat(anchor.key(equalNotSame).index(2)).hasToString("segments.s.list[2]");
  }

  @Test
  void pathsNotBelowAnAnchor_areNewEachTime() {
    Path flag = Path.FLAGS.key("f");
    assertThat(flag.key("rules")).isNotSameAs(flag.key("rules"));
    assertThat(flag.index(0)).isNotSameAs(flag.index(0));
  }
}
