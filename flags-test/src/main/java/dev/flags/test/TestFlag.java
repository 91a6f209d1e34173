package dev.flags.test;

import dev.flags.test.internal.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One flag of a test document, built in code; get one from {@link TestFlags#flag(String)}. It
 * writes an ordinary flag of the document format, so the document goes through the real reader
 * and validator: a mistake (an undeclared variant, a weight out of range) is reported as in a
 * file, with every problem listed.
 *
 * <p>A flag declares variants and <em>serves</em> one of them to an audience; everyone else gets
 * the <em>other</em> variant (for a boolean flag the opposite value, otherwise the off-variant).
 * The audience is everyone, unless narrowed by {@link #forKeys}, {@link #when} or {@link
 * #rolloutPercent}:
 *
 * <pre>{@code
 * TestFlags.flag("new-checkout").on()                                   // on for everyone
 * TestFlags.flag("new-checkout").on().forKeys("alice").rolloutPercent(10) // alice, and 10% of the rest
 * TestFlags.flag("new-checkout").on().when("country", "NZ", "AU")        // a rule on an attribute
 * TestFlags.flag("theme").value("dark")                                  // a string flag
 * TestFlags.flag("layout").variants("one-page", "wizard").serve("wizard")
 * }</pre>
 *
 * <p>Not thread-safe; build it in the test that uses it.
 *
 * @since 0.1.0
 */
public final class TestFlag {
  private static final String ON = "on";
  private static final String OFF = "off";
  private static final String VALUE = "value";

  private final String key;
  private final Map<String, Object> variants = new LinkedHashMap<>();
  private @Nullable String served;
  private @Nullable String offVariant;
  private final List<String> keys = new ArrayList<>();
  private final List<Map.Entry<String, List<String>>> rules = new ArrayList<>();
  private double percent = Double.NaN;
  private boolean enabled = true;
  private final List<String> tags = new ArrayList<>();

  TestFlag(String key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * The flag key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * A boolean flag (variants {@code on} and {@code off}, off-variant {@code off}) that serves
   * {@code on}.
   *
   * @return this
   */
  public TestFlag on() {
    return bool().serve(ON);
  }

  /**
   * A boolean flag (variants {@code on} and {@code off}, off-variant {@code off}) that serves
   * {@code off}.
   *
   * @return this
   */
  public TestFlag off() {
    return bool().serve(OFF);
  }

  private TestFlag bool() {
    variants.put(ON, true);
    variants.put(OFF, false);
    if (offVariant == null) {
      offVariant = OFF;
    }
    return this;
  }

  /**
   * A string flag with one variant, {@code value}, serving this string.
   *
   * @param value the string
   * @return this
   */
  public TestFlag value(String value) {
    return single(Objects.requireNonNull(value, "value"));
  }

  /**
   * A number flag with one variant, {@code value}, serving this number.
   *
   * @param value the number
   * @return this
   */
  public TestFlag value(long value) {
    return single(value);
  }

  /**
   * A number flag with one variant, {@code value}, serving this number. NaN and the infinities
   * are not JSON: the document is rejected, saying so.
   *
   * @param value the number
   * @return this
   */
  public TestFlag value(double value) {
    return single(value);
  }

  private TestFlag single(Object value) {
    variants.put(VALUE, value);
    return serve(VALUE);
  }

  /**
   * Declares string variants whose values are their names, and serves the first one (change it
   * with {@link #serve}).
   *
   * @param names the variant names
   * @return this
   */
  public TestFlag variants(String... names) {
    for (String n : names) {
      variants.put(n, n);
    }
    if (served == null && names.length > 0) {
      served = names[0];
    }
    return this;
  }

  /**
   * Declares a variant with any value the document format allows: {@code Boolean}, {@code
   * String}, a {@code Number}, or a {@code Map<String, ?>} or {@code List<?>} for a JSON flag.
   *
   * @param name the variant name
   * @param value its value
   * @return this
   */
  public TestFlag variant(String name, Object value) {
    variants.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    if (served == null) {
      served = name;
    }
    return this;
  }

  /**
   * Serves this variant to the audience.
   *
   * @param variant a declared variant
   * @return this
   */
  public TestFlag serve(String variant) {
    this.served = Objects.requireNonNull(variant, "variant");
    return this;
  }

  /**
   * Sets the off-variant: what a kill or {@link #disabled()} serves (default: {@code off} for a
   * boolean flag, else the first variant declared).
   *
   * @param variant a declared variant
   * @return this
   */
  public TestFlag offVariant(String variant) {
    this.offVariant = Objects.requireNonNull(variant, "variant");
    return this;
  }

  /**
   * Narrows the audience to these context keys (a target), and to whatever else narrows it.
   *
   * @param contextKeys the keys
   * @return this
   */
  public TestFlag forKeys(String... contextKeys) {
    keys.addAll(Arrays.asList(contextKeys));
    return this;
  }

  /**
   * Narrows the audience to contexts whose attribute is one of these strings (a rule with the
   * {@code in} operator), and to whatever else narrows it.
   *
   * @param attribute the attribute name
   * @param values the values
   * @return this
   */
  public TestFlag when(String attribute, String... values) {
    rules.add(Map.entry(Objects.requireNonNull(attribute, "attribute"), List.of(values)));
    return this;
  }

  /**
   * Serves the variant to this percentage of the contexts the targets and rules leave (a sticky
   * rollout by context key, in steps of 0.001%).
   *
   * @param percent from 0 to 100
   * @return this
   */
  public TestFlag rolloutPercent(double percent) {
    this.percent = percent;
    return this;
  }

  /**
   * Switches the flag off in the document ({@code "enabled": false}): it serves its off-variant.
   *
   * @return this
   */
  public TestFlag disabled() {
    this.enabled = false;
    return this;
  }

  /**
   * Adds tags (for {@code Flags.killTag}).
   *
   * @param names the tags
   * @return this
   */
  public TestFlag tags(String... names) {
    tags.addAll(Arrays.asList(names));
    return this;
  }

  /** Appends {@code "key": {...}} to a document's flags. */
  void appendTo(StringBuilder out) {
    Json.string(out, key).append(": {");
    String firstDeclared =
        variants.isEmpty() ? null : variants.keySet().iterator().next();
    String serve = served != null ? served : firstDeclared;
    String off = offVariant != null ? offVariant : firstDeclared;
    String other = other(serve, off);
    out.append("\"variants\": ");
    Json.value(out, variants);
    out.append(", \"offVariant\": ");
    Json.value(out, off == null ? "" : off);
    if (!enabled) {
      out.append(", \"enabled\": false");
    }
    if (!tags.isEmpty()) {
      out.append(", \"tags\": ");
      Json.value(out, tags);
    }
    String s = serve == null ? "" : serve;
    if (!keys.isEmpty()) {
      out.append(", \"targets\": [{\"variant\": ");
      Json.string(out, s).append(", \"keys\": ");
      Json.value(out, keys).append("}]");
    }
    if (!rules.isEmpty()) {
      out.append(", \"rules\": [");
      for (int i = 0; i < rules.size(); i++) {
        Map.Entry<String, List<String>> r = rules.get(i);
        out.append(i > 0 ? ", " : "").append("{\"id\": \"when-").append(i + 1);
        out.append("\", \"conditions\": [{\"attribute\": ");
        Json.string(out, r.getKey()).append(", \"op\": \"in\", \"values\": ");
        Json.value(out, r.getValue()).append("}], \"variant\": ");
        Json.string(out, s).append('}');
      }
      out.append(']');
    }
    out.append(", \"fallthrough\": ");
    if (!Double.isNaN(percent)) {
      long weight = Math.round(percent * 1000);
      out.append("{\"rollout\": {\"variants\": [{\"variant\": ");
      Json.string(out, s).append(", \"weight\": ").append(weight).append('}');
      if (!s.equals(other)) {
        out.append(", {\"variant\": ");
        Json.string(out, other)
            .append(", \"weight\": ")
            .append(100_000 - weight)
            .append('}');
      }
      out.append("]}}");
    } else {
      boolean narrowed = !keys.isEmpty() || !rules.isEmpty();
      out.append("{\"variant\": ");
      Json.string(out, narrowed ? other : s).append('}');
    }
    out.append('}');
  }

  /** What everyone outside the audience gets. */
  private String other(@Nullable String serve, @Nullable String off) {
    if (ON.equals(serve) && variants.containsKey(OFF)) {
      return OFF;
    }
    if (OFF.equals(serve) && variants.containsKey(ON)) {
      return ON;
    }
    if (off != null && !off.equals(serve)) {
      return off;
    }
    for (String v : variants.keySet()) {
      if (!v.equals(serve)) {
        return v;
      }
    }
    return serve == null ? "" : serve;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    appendTo(sb);
    return sb.toString();
  }
}
