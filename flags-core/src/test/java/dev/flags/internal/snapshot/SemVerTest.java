package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The allocation-free semantic version parser and comparison. */
final class SemVerTest {
  private static final List<String> ORDER = List.of(
      "0.0.0",
      "0.0.1",
      "0.1.0",
      "0.9.9",
      "1.0.0-0",
      "1.0.0-1",
      "1.0.0-2",
      "1.0.0-10",
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0-rc.1.a",
      "1.0.0-rc-1",
      "1.0.0",
      "1.0.1",
      "1.2.0",
      "1.10.0",
      "2.0.0-RC",
      "2.0.0-rc",
      "2.0.0",
      "999999999999999999.0.0");

  private static SemVer parse(String s) {
    SemVer v = SemVer.parse(s);
    assertThat(v).as("parse(%s)", s).isNotNull();
    return v;
  }

  @Test
  void compareTo_precedenceList_isTotalAndConsistent() {
    for (int i = 0; i < ORDER.size(); i++) {
      for (int j = 0; j < ORDER.size(); j++) {
        int c = parse(ORDER.get(j)).compareTo(ORDER.get(i));
        assertThat(Integer.signum(c))
            .as("%s vs %s", ORDER.get(i), ORDER.get(j))
            .isEqualTo(Integer.signum(Integer.compare(i, j)));
      }
    }
  }

  @Test
  void compareTo_returnsTheSignOfAttributeMinusRuleVersion() {
    SemVer rule = parse("1.2.3");

    assertThat(rule.compareTo("1.2.2")).isEqualTo(-1);
    assertThat(rule.compareTo("1.2.3")).isZero();
    assertThat(rule.compareTo("1.2.4")).isEqualTo(1);
  }

  @Test
  void compareTo_buildMetadata_isIgnoredOnBothSides() {
    assertThat(parse("1.0.0+a").compareTo("1.0.0+b")).isZero();
    assertThat(parse("1.0.0-rc.1+a").compareTo("1.0.0-rc.1")).isZero();
    assertThat(parse("1.0.0").compareTo("1.0.0+20130313144700")).isZero();
    assertThat(parse("1.0.0-beta").compareTo("1.0.0-beta+exp.sha.5114f85")).isZero();
  }

  @Test
  void compareTo_missingMinorAndPatch_areZero() {
    assertThat(parse("1").compareTo("1.0.0")).isZero();
    assertThat(parse("1.2").compareTo("1.2.0")).isZero();
    assertThat(parse("1.0.0").compareTo("1")).isZero();
    assertThat(parse("1-rc.1").compareTo("1.0.0-rc.1")).isZero();
  }

  @Test
  void compareTo_leadingV_isIgnored() {
    assertThat(parse("v1.2.3").compareTo("1.2.3")).isZero();
    assertThat(parse("1.2.3").compareTo("v1.2.3")).isZero();
    assertThat(parse("1.2.3").compareTo("V1.2.3")).isZero();
  }

  @Test
  void parse_validForms_areAccepted() {
    for (String s : List.of(
        "0.0.0",
        "1.2.3",
        "v1",
        "1.0",
        "1.0.0-alpha-1",
        "1.0.0-0.3.7",
        "1.0.0-x.7.z.92",
        "1.0.0+build.01",
        "1.0.0-x-y-z.--",
        "1.0.0+21AF26D3----117B344092BD")) {
      assertThat(SemVer.parse(s)).as(s).isNotNull();
      assertThat(parse(s).compareTo(s)).as(s).isZero();
      assertThat(parse(s).toString()).isEqualTo(s);
    }
  }

  @Test
  void parse_invalidForms_areRejectedAndCompareAsInvalid() {
    SemVer rule = parse("1.0.0");
    for (String s : List.of(
        "",
        "v",
        "vv1",
        "x1.0.0",
        "1.",
        "1.0.",
        "1..0",
        ".1",
        "1.0.0.0",
        "01.0.0",
        "1.01.0",
        "1.0.01",
        "-1.0.0",
        "1.0.0-",
        "1.0.0+",
        "1.0.0-+b",
        "1.0.0-a..b",
        "1.0.0-a.",
        "1.0.0+b..c",
        "1.0.0-a_b",
        "1.0.0-ä",
        "1.0.0 ",
        " 1.0.0",
        "1.0.0\n",
        "1234567890123456789",
        "1.0.0-alpha.01",
        "1.0.0-00",
        "１.0.0")) {
      assertThat(SemVer.parse(s)).as("parse(%s)", s).isNull();
      assertThat(rule.compareTo(s)).as("compareTo(%s)", s).isEqualTo(SemVer.INVALID);
    }
  }

  @Test
  void compareTo_eighteenDigitParts_doNotOverflow() {
    SemVer big = parse("999999999999999999.999999999999999999.999999999999999999");

    assertThat(big.compareTo("999999999999999999.999999999999999999.999999999999999998"))
        .isEqualTo(-1);
    assertThat(big.compareTo("999999999999999999.999999999999999999.999999999999999999"))
        .isZero();
  }

  @Test
  void compareTo_longNumericPrereleaseIdentifiers_compareNumerically() {
    assertThat(parse("1.0.0-rc.99999999999999999999").compareTo("1.0.0-rc.100000000000000000000"))
        .isEqualTo(1);
    assertThat(parse("1.0.0-rc.9").compareTo("1.0.0-rc.10")).isEqualTo(1);
  }

  @Test
  void equals_sameText_equalWithTheSameHash_otherSpellingOfTheSameVersion_notEqual() {
    assertThat(parse("2.1.0-rc.1"))
        .isEqualTo(parse("2.1.0-rc.1"))
        .hasSameHashCodeAs(parse("2.1.0-rc.1"));
    assertThat(parse("v2.1")).isNotEqualTo(parse("2.1.0"));
    assertThat(parse("2.1.0")).isNotEqualTo(parse("2.1.1")).isNotEqualTo("2.1.0");
  }
}
