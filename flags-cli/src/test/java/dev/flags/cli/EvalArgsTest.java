package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flags.Context;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class EvalArgsTest {

  @Test
  void parse_typedAttributes_setJavaTypesTheContextHolds() {
    EvalArgs a = EvalArgs.parse(List.of(
        "doc.json",
        "f",
        "--key",
        "u-1",
        "--attr",
        "country=NZ",
        "--attr",
        "age:number=37",
        "--attr",
        "score:number=-2.5e1",
        "--attr",
        "beta:bool=false",
        "--attr",
        "groups:list=a,,b",
        "--attr",
        "empty:list=",
        "--attr",
        "at:time=2026-11-22T10:00:00+01:00",
        "--attr",
        "a:b:string=c"));
    Context c = a.context();
    assertThat(a.document()).isEqualTo("doc.json");
    assertThat(a.flagKey()).isEqualTo("f");
    assertThat(a.json()).isFalse();
    assertThat(c.key()).isEqualTo("u-1");
    assertThat(c.get("country")).isEqualTo("NZ");
    assertThat(c.get("age")).isEqualTo(37.0);
    assertThat(c.get("score")).isEqualTo(-25.0);
    assertThat(c.get("beta")).isEqualTo(false);
    assertThat(c.get("groups")).isEqualTo(List.of("a", "", "b"));
    assertThat(c.get("empty")).isEqualTo(List.of());
    assertThat(c.get("at"))
        .isEqualTo((double) Instant.parse("2026-11-22T09:00:00Z").toEpochMilli());
    assertThat(c.get("a:b")).isEqualTo("c");
  }

  @Test
  void parse_noKey_isAnonymous() {
    EvalArgs a = EvalArgs.parse(List.of("doc.json", "f", "--json"));
    assertThat(a.context()).isEqualTo(Context.EMPTY);
    assertThat(a.json()).isTrue();
  }

  @Test
  void parse_doubleDash_endsOptions() {
    EvalArgs a = EvalArgs.parse(List.of("--key", "k", "--", "-odd-name.json", "f"));
    assertThat(a.document()).isEqualTo("-odd-name.json");
  }

  @Test
  void parse_valueWithEquals_keepsEverythingAfterTheFirst() {
    EvalArgs a = EvalArgs.parse(List.of("d", "f", "--attr", "q=a=b"));
    assertThat(a.context().get("q")).isEqualTo("a=b");
  }

  @Test
  void parse_unknownOption_isRefused() {
    assertThatThrownBy(() -> EvalArgs.parse(List.of("d", "f", "--jsn")))
        .isInstanceOf(CliException.class)
        .hasMessage("unknown option '--jsn'");
  }

  @Test
  void parse_stdinAsDocument_isPositional() {
    assertThat(EvalArgs.parse(List.of("-", "f")).document()).isEqualTo("-");
  }
}
