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
}
