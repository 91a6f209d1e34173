package dev.flags.openfeature;

import static dev.flags.testsupport.Docs.doc;
import static dev.flags.testsupport.Docs.flag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Flags;
import dev.flags.test.TestFlags;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Typed resolutions, reasons, variants, metadata and error codes, called on the provider. */
final class FlagsProviderResolutionTest {
  private static final String ON_OFF =
      "'variants': {'on': true, 'off': false}, 'offVariant': 'off', ";
  private static final String HALF = "'rollout': {'variants': [{'variant': 'on', 'weight': 50000},"
      + " {'variant': 'off', 'weight': 50000}]}";
  private static final String NZ =
      "'conditions': [{'attribute': 'country', 'op': 'equals', 'value': 'NZ'}]";

  private static final ImmutableContext ALICE = new ImmutableContext("alice");
  private static final ImmutableContext BOB_NZ =
      new ImmutableContext("bob", Map.of("country", new Value("NZ")));
  private static final ImmutableContext BOB_AU =
      new ImmutableContext("bob", Map.of("country", new Value("AU")));

  private final Flags flags = Flags.newBuilder()
      .document(doc(
          "v7",
          flag("static", ON_OFF + "'fallthrough': {'variant': 'on'}"),
          flag(
              "targeted",
              ON_OFF + "'targets': [{'variant': 'on', 'keys': ['alice']}],"
                  + " 'rules': [{'id': 'nz', " + NZ + ", 'variant': 'on'}],"
                  + " 'fallthrough': {'variant': 'off'}"),
          flag(
              "split-rule",
              ON_OFF + "'rules': [{'id': 'nz-half', " + NZ + ", " + HALF + "}],"
                  + " 'fallthrough': {'variant': 'off'}"),
          flag("split", ON_OFF + "'fallthrough': {" + HALF + "}"),
          flag(
              "by-org",
              ON_OFF + "'fallthrough': {'rollout': {'bucketBy': 'org', 'variants':"
                  + " [{'variant': 'on', 'weight': 100000}]}}"),
          flag("disabled", ON_OFF + "'enabled': false, 'fallthrough': {'variant': 'on'}"),
          flag(
              "expired",
              ON_OFF + "'schedule': [{'until': '2001-01-01T00:00:00Z'}],"
                  + " 'fallthrough': {'variant': 'on'}"),
          flag(
              "dependent",
              ON_OFF + "'prerequisites': [{'flag': 'disabled', 'variant': 'on'}],"
                  + " 'fallthrough': {'variant': 'on'}"),
          flag(
              "numbers",
              "'variants': {'small': 42, 'big': 9007199254740993, 'half': 0.5},"
                  + " 'offVariant': 'small', 'targets': [{'variant': 'big', 'keys': ['big']},"
                  + " {'variant': 'half', 'keys': ['half']}], 'fallthrough': {'variant': 'small'}"),
          flag(
              "json",
              "'variants': {'object': {'title': 'hi', 'n': 3, 'tags': ['a', 'b'],"
                  + " 'nested': {'x': 1.5, 'ok': true}}, 'array': [1, 'two']},"
                  + " 'offVariant': 'array', 'targets': [{'variant': 'array', 'keys': ['arr']}],"
                  + " 'fallthrough': {'variant': 'object'}"),
          flag(
              "text", "'variants': {'a': 'A'}, 'offVariant': 'a', 'fallthrough': {'variant': 'a'}"),
          flag(
              "described",
              ON_OFF + "'metadata': {'ticket': 'PAY-1', 'count': 2, 'big': 9007199254740993,"
                  + " 'share': 0.1, 'reviewed': true, 'version': 'mine', 'ruleId': 'mine'},"
                  + " 'rules': [{'id': 'nz', " + NZ + ", 'variant': 'on'}],"
                  + " 'fallthrough': {'variant': 'off'}"),
          flag(
              "by-city",
              ON_OFF + "'rules': [{'id': 'welly', 'conditions': [{'attribute': 'address.city',"
                  + " 'op': 'equals', 'value': 'Wellington'}], 'variant': 'on'}],"
                  + " 'fallthrough': {'variant': 'off'}")))
      .build();

  private final FlagsProvider provider = FlagsProvider.newBuilder(flags).build();

  @AfterEach
  void close() {
    provider.shutdown();
    flags.close();
  }

  @Test
  void getMetadata_name_flags() {
    assertThat(provider.getMetadata().getName()).isEqualTo("flags");
  }

  @Test
  void getBooleanEvaluation_staticFlag_valueVariantStaticVersionNoError() {
    ProviderEvaluation<Boolean> e = provider.getBooleanEvaluation("static", false, ALICE);

    assertThat(e.getValue()).isTrue();
    assertThat(e.getVariant()).isEqualTo("on");
    assertThat(e.getReason()).isEqualTo("STATIC");
    assertThat(e.getErrorCode()).isNull();
    assertThat(e.getErrorMessage()).isNull();
    assertThat(e.getFlagMetadata().asUnmodifiableMap()).isEqualTo(Map.of("version", "v7"));
  }

  @Test
  void getBooleanEvaluation_targetAndFixedRule_targetingMatchWithRuleId() {
    ProviderEvaluation<Boolean> target = provider.getBooleanEvaluation("targeted", false, ALICE);
    ProviderEvaluation<Boolean> rule = provider.getBooleanEvaluation("targeted", false, BOB_NZ);

    assertThat(target.getReason()).isEqualTo("TARGETING_MATCH");
    assertThat(target.getFlagMetadata().getString("ruleId")).isNull();
    assertThat(rule.getReason()).isEqualTo("TARGETING_MATCH");
    assertThat(rule.getValue()).isTrue();
    assertThat(rule.getFlagMetadata().asUnmodifiableMap())
        .isEqualTo(Map.of("version", "v7", "ruleId", "nz"));
  }

  @Test
  void getBooleanEvaluation_flagWithDocumentMetadata_typedEntriesProviderKeysWin() {
    ProviderEvaluation<Boolean> rule = provider.getBooleanEvaluation("described", false, BOB_NZ);
    ProviderEvaluation<Boolean> fallthrough =
        provider.getBooleanEvaluation("described", false, BOB_AU);

    assertThat(rule.getFlagMetadata().asUnmodifiableMap())
        .isEqualTo(Map.of(
            "ticket",
            "PAY-1",
            "count",
            2,
            "big",
            9_007_199_254_740_993L,
            "share",
            0.1,
            "reviewed",
            true,
            "version",
            "v7",
            "ruleId",
            "nz"));
    assertThat(fallthrough.getFlagMetadata().getInteger("count")).isEqualTo(2);
    assertThat(fallthrough.getFlagMetadata().getString("ruleId")).isEqualTo("mine");
    assertThat(fallthrough.getFlagMetadata().getString("version")).isEqualTo("v7");
  }

  @Test
  void getBooleanEvaluation_documentMetadataEdited_newEntriesAfterTheSwap() {
    try (Flags live = TestFlags.client(TestFlags.flag("f").on())) {
      FlagsProvider p = FlagsProvider.newBuilder(live).build();
      assertThat(p.getBooleanEvaluation("f", false, ALICE).getFlagMetadata().getString("ticket"))
          .isNull();

      live.load(doc(
          "v2",
          flag("f", ON_OFF + "'metadata': {'ticket': 'PAY-2'}, 'fallthrough': {'variant': 'on'}")));

      assertThat(p.getBooleanEvaluation("f", false, ALICE).getFlagMetadata().getString("ticket"))
          .isEqualTo("PAY-2");
    }
  }

  @Test
  void getBooleanEvaluation_ruleOnNestedAttribute_readsTheStructure() {
    ImmutableContext nested = new ImmutableContext(
        "carol",
        Map.of(
            "address", new Value(new ImmutableStructure(Map.of("city", new Value("Wellington"))))));

    ProviderEvaluation<Boolean> e = provider.getBooleanEvaluation("by-city", false, nested);

    assertThat(e.getValue()).isTrue();
    assertThat(e.getFlagMetadata().getString("ruleId")).isEqualTo("welly");
  }

  @Test
  void getBooleanEvaluation_fallthroughOfFlagWithRules_default() {
    ProviderEvaluation<Boolean> e = provider.getBooleanEvaluation("targeted", true, BOB_AU);

    assertThat(e.getValue()).isFalse();
    assertThat(e.getVariant()).isEqualTo("off");
    assertThat(e.getReason()).isEqualTo("DEFAULT");
  }

  @Test
  void getBooleanEvaluation_rolloutOnRuleOrFallthrough_split() {
    assertThat(provider.getBooleanEvaluation("split-rule", false, BOB_NZ).getReason())
        .isEqualTo("SPLIT");
    assertThat(provider
            .getBooleanEvaluation("split-rule", false, BOB_NZ)
            .getFlagMetadata()
            .getString("ruleId"))
        .isEqualTo("nz-half");
    assertThat(provider.getBooleanEvaluation("split", false, ALICE).getReason()).isEqualTo("SPLIT");
  }

  @Test
  void getBooleanEvaluation_noVariantApplies_callersDefaultWithDefaultReason() {
    ProviderEvaluation<Boolean> e = provider.getBooleanEvaluation("by-org", true, ALICE);

    assertThat(e.getValue()).isTrue();
    assertThat(e.getVariant()).isNull();
    assertThat(e.getReason()).isEqualTo("DEFAULT");
    assertThat(e.getErrorCode()).isNull();
  }

  @Test
  void getBooleanEvaluation_disabledKilledOutsideSchedule_disabledWithOffVariant() {
    flags.kill("static", "INC-1");

    for (String key : List.of("disabled", "static", "expired")) {
      ProviderEvaluation<Boolean> e = provider.getBooleanEvaluation(key, true, ALICE);
      assertThat(e.getReason()).as(key).isEqualTo("DISABLED");
      assertThat(e.getValue()).as(key).isFalse();
      assertThat(e.getVariant()).as(key).isEqualTo("off");
    }
  }

  @Test
  void getBooleanEvaluation_disabledWithCallerDefaultOption_callersDefaultNoVariant() {
    FlagsProvider callerDefault =
        FlagsProvider.newBuilder(flags).disabledServesCallerDefault(true).build();
    flags.kill("static", "INC-1");

    for (String key : List.of("disabled", "static", "expired")) {
      ProviderEvaluation<Boolean> e = callerDefault.getBooleanEvaluation(key, true, ALICE);
      assertThat(e.getReason()).as(key).isEqualTo("DISABLED");
      assertThat(e.getValue()).as(key).isTrue();
      assertThat(e.getVariant()).as(key).isNull();
    }
    callerDefault.shutdown();
  }

  @Test
  void getBooleanEvaluation_prerequisiteFailed_customReasonWithPrerequisiteKey() {
    ProviderEvaluation<Boolean> e = provider.getBooleanEvaluation("dependent", true, ALICE);

    assertThat(e.getReason()).isEqualTo("PREREQUISITE_FAILED");
    assertThat(e.getValue()).isFalse();
    assertThat(e.getVariant()).isEqualTo("off");
    assertThat(e.getFlagMetadata().asUnmodifiableMap())
        .isEqualTo(Map.of("version", "v7", "prerequisiteKey", "disabled"));
  }

  @Test
  void getBooleanEvaluation_override_targetingMatch() {
    flags.override("static", "off", List.of("alice"));

    ProviderEvaluation<Boolean> e = provider.getBooleanEvaluation("static", true, ALICE);

    assertThat(e.getReason()).isEqualTo("TARGETING_MATCH");
    assertThat(e.getValue()).isFalse();
    assertThat(provider.getBooleanEvaluation("static", false, BOB_AU).getValue())
        .isTrue();
  }

  @Test
  void getStringEvaluation_stringFlag_value() {
    assertThat(provider.getStringEvaluation("text", "z", ALICE).getValue()).isEqualTo("A");
  }

  @Test
  void getIntegerEvaluation_integerInRange_value() {
    ProviderEvaluation<Integer> e = provider.getIntegerEvaluation("numbers", 0, ALICE);

    assertThat(e.getValue()).isEqualTo(42);
    assertThat(e.getVariant()).isEqualTo("small");
  }

  @Test
  void getIntegerEvaluation_outOfIntRangeOrFraction_typeMismatchWithMessage() {
    ProviderEvaluation<Integer> big =
        provider.getIntegerEvaluation("numbers", 7, new ImmutableContext("big"));
    ProviderEvaluation<Integer> half =
        provider.getIntegerEvaluation("numbers", 7, new ImmutableContext("half"));

    assertThat(big.getValue()).isEqualTo(7);
    assertThat(big.getReason()).isEqualTo("ERROR");
    assertThat(big.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(big.getErrorMessage())
        .isEqualTo("flag 'numbers' is a number flag, but its value 9007199254740993 is not an"
            + " integer in int range");
    assertThat(half.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(half.getErrorMessage())
        .isEqualTo("flag 'numbers' is a number flag, but its value 0.5 is not an integer in int"
            + " range");
  }

  @Test
  void getLongEvaluation_integerBeyondDoublePrecision_exact() {
    ProviderEvaluation<Long> e =
        provider.getLongEvaluation("numbers", 0L, new ImmutableContext("big"));

    assertThat(e.getValue()).isEqualTo(9_007_199_254_740_993L);
    assertThat(provider
            .getLongEvaluation("numbers", 1L, new ImmutableContext("half"))
            .getErrorMessage())
        .isEqualTo("flag 'numbers' is a number flag, but its value 0.5 is not an integer");
  }

  @Test
  void getDoubleEvaluation_integralOrFraction_double() {
    assertThat(provider.getDoubleEvaluation("numbers", 0.0, ALICE).getValue()).isEqualTo(42.0);
    assertThat(provider
            .getDoubleEvaluation("numbers", 0.0, new ImmutableContext("half"))
            .getValue())
        .isEqualTo(0.5);
  }

  @Test
  void getObjectEvaluation_object_structureWithIntegersListsAndNesting() {
    Value v = provider.getObjectEvaluation("json", new Value(), ALICE).getValue();

    assertThat(v.isStructure()).isTrue();
    assertThat(v.asStructure().asObjectMap())
        .isEqualTo(Map.of(
            "title",
            "hi",
            "n",
            3,
            "tags",
            List.of("a", "b"),
            "nested",
            Map.of("x", 1.5, "ok", true)));
    assertThat(v.asStructure().getValue("n").asInteger()).isEqualTo(3);
  }

  @Test
  void getObjectEvaluation_array_listOfValues() {
    Value v = provider
        .getObjectEvaluation("json", new Value(), new ImmutableContext("arr"))
        .getValue();

    assertThat(v.isList()).isTrue();
    assertThat(v.asList()).containsExactly(new Value(1), new Value("two"));
  }

  @Test
  void typedResolutions_wrongType_typeMismatchCallersDefaultAndMessage() {
    ProviderEvaluation<String> s = provider.getStringEvaluation("static", "d", ALICE);
    ProviderEvaluation<Boolean> b = provider.getBooleanEvaluation("text", true, ALICE);
    ProviderEvaluation<Integer> i = provider.getIntegerEvaluation("json", 3, ALICE);
    ProviderEvaluation<Value> o = provider.getObjectEvaluation("numbers", new Value(9), ALICE);

    assertThat(s.getValue()).isEqualTo("d");
    assertThat(s.getReason()).isEqualTo("ERROR");
    assertThat(s.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(s.getErrorMessage()).isEqualTo("flag 'static' is a boolean flag, read as string");
    assertThat(b.getErrorMessage()).isEqualTo("flag 'text' is a string flag, read as boolean");
    assertThat(i.getErrorMessage()).isEqualTo("flag 'json' is a JSON flag, read as integer");
    assertThat(o.getErrorMessage()).isEqualTo("flag 'numbers' is a number flag, read as object");
    assertThat(o.getValue()).isEqualTo(new Value(9));
  }

  @Test
  void getBooleanEvaluation_unknownFlag_flagNotFound() {
    ProviderEvaluation<Boolean> e = provider.getBooleanEvaluation("nope", true, ALICE);

    assertThat(e.getValue()).isTrue();
    assertThat(e.getReason()).isEqualTo("ERROR");
    assertThat(e.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    assertThat(e.getErrorMessage()).isEqualTo("flag 'nope' is not in document version 'v7'");
    assertThat(e.getVariant()).isNull();
  }

  @Test
  void getBooleanEvaluation_noDocumentYet_providerNotReady() {
    try (Flags empty = Flags.newBuilder().build()) {
      FlagsProvider notReady = FlagsProvider.newBuilder(empty).build();

      ProviderEvaluation<Boolean> e = notReady.getBooleanEvaluation("static", true, ALICE);

      assertThat(e.getValue()).isTrue();
      assertThat(e.getErrorCode()).isEqualTo(ErrorCode.PROVIDER_NOT_READY);
      assertThat(e.getErrorMessage()).isEqualTo("no flag document has been loaded yet");
      assertThat(e.getFlagMetadata().isEmpty()).isTrue();
    }
  }

  @Test
  void getBooleanEvaluation_nullContext_invalidContext() {
    ProviderEvaluation<Boolean> e = provider.getBooleanEvaluation("static", false, null);

    assertThat(e.getErrorCode()).isEqualTo(ErrorCode.INVALID_CONTEXT);
    assertThat(e.getValue()).isFalse();
  }

  @Test
  void getBooleanEvaluation_contextThatThrows_generalErrorNotAnException() {
    MutableContext broken = new MutableContext() {
      @Override
      public String getTargetingKey() {
        throw new IllegalStateException("broken context");
      }
    };

    ProviderEvaluation<Boolean> e = provider.getBooleanEvaluation("static", true, broken);

    assertThat(e.getValue()).isTrue();
    assertThat(e.getErrorCode()).isEqualTo(ErrorCode.GENERAL);
    // flags-core caught it while building the context, and logs it once for the flag.
    assertThat(e.getErrorMessage())
        .isEqualTo("evaluating flag 'static' failed (logged by flags-core)");
  }

  @Test
  void resolutions_sameAsInMemoryProviderForAStaticFlag_valueAndVariant() throws Exception {
    // The SDK's own provider, as a reference for what a plain flag resolves to.
    InMemoryProvider reference = new InMemoryProvider(Map.of(
        "static",
        dev.openfeature.sdk.providers.memory.Flag.builder()
            .variant("on", true)
            .variant("off", false)
            .defaultVariant("on")
            .build()));
    reference.initialize(new ImmutableContext());
    ProviderEvaluation<Boolean> theirs = reference.getBooleanEvaluation("static", false, ALICE);
    ProviderEvaluation<Boolean> ours = provider.getBooleanEvaluation("static", false, ALICE);

    assertThat(ours.getValue()).isEqualTo(theirs.getValue());
    assertThat(ours.getVariant()).isEqualTo(theirs.getVariant());
    assertThat(ours.getReason()).isEqualTo(theirs.getReason());
  }

  @Test
  void getObjectEvaluation_documentBuiltWithTheKit_structure() {
    try (Flags kit = TestFlags.client(TestFlags.flag("theme")
        .variant("dark", Map.of("bg", "#000", "fg", "#fff"))
        .variant("light", Map.of("bg", "#fff", "fg", "#000")))) {
      FlagsProvider p = FlagsProvider.newBuilder(kit).build();

      Value v = p.getObjectEvaluation("theme", new Value(), ALICE).getValue();

      assertThat(v.asStructure().asObjectMap()).isEqualTo(Map.of("bg", "#000", "fg", "#fff"));
    }
  }
}
