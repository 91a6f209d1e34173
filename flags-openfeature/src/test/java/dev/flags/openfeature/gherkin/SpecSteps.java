package dev.flags.openfeature.gherkin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flags.ErrorInfo;
import dev.flags.Flags;
import dev.flags.openfeature.FlagsProvider;
import dev.flags.spi.FlagSource;
import dev.flags.spi.SourceContext;
import dev.flags.testsupport.Await;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.FlagEvaluationOptions;
import dev.openfeature.sdk.Hook;
import dev.openfeature.sdk.HookContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.OpenFeatureError;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * Step definitions for the OpenFeature specification's Gherkin scenarios, written for this
 * repository: every step goes through the real {@code OpenFeatureAPI} (an isolated instance per
 * scenario) and a client, to a {@link FlagsProvider} over a {@link Flags} client serving {@code
 * openfeature-spec/flags.json}, the spec's test flags translated by hand. Cucumber makes one
 * instance per scenario.
 */
public final class SpecSteps {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOCUMENT = "openfeature-spec/flags.json";

  private final OpenFeatureAPI api = OpenFeatureAPI.createIsolated();
  private final ExecutorService async = Executors.newSingleThreadExecutor();
  private final Map<String, Value> attributes = new HashMap<>();
  private final List<String> hookCalls = new CopyOnWriteArrayList<>();
  private Client client;
  private String type;
  private String key;
  private Object fallback;
  private FlagEvaluationDetails<?> details;
  private FlagEvaluationOptions options;
  private Thread evaluatedOn;
  private RecordingHook hook;

  @After
  public void shutDown() {
    async.shutdownNow();
    api.shutdown();
  }

  // --- providers ---

  @Given("a {} provider")
  public void aProvider(String state) throws Exception {
    switch (state) {
      case "stable" -> {
        api.setProviderAndWait(
            provider(Flags.newBuilder().documentResource(DOCUMENT).build()));
        client = api.getClient();
      }
      case "not ready" -> {
        // initialize waits for a document that never comes: the SDK reports NOT_READY meanwhile.
        FlagsProvider p = FlagsProvider.newBuilder(
                Flags.newBuilder().source(new SilentSource()).build())
            .initializeTimeout(Duration.ofMinutes(1))
            .closeOnShutdown(true)
            .build();
        api.setProvider(p);
        client = api.getClient();
      }
      case "error" -> {
        // The only source fails: initialize gives up at once and the SDK reports ERROR.
        FlagsProvider p = FlagsProvider.newBuilder(
                Flags.newBuilder().source(new FailingSource()).build())
            .initializeTimeout(Duration.ZERO)
            .closeOnShutdown(true)
            .build();
        try {
          api.setProviderAndWait(p);
        } catch (OpenFeatureError expected) {
          // the failed initialize, reported as the ERROR state below
        }
        client = api.getClient();
        Await.until("the ERROR state", () -> client.getProviderState() == ProviderState.ERROR);
      }
      case "stale" -> {
        // Serving, then the source falls back to a cached copy: the client becomes STALE.
        StaleningSource source = new StaleningSource();
        api.setProviderAndWait(provider(Flags.newBuilder().source(source).build()));
        client = api.getClient();
        source.serveStale();
        Await.until("the STALE state", () -> client.getProviderState() == ProviderState.STALE);
      }
      case "fatal" ->
        throw new TestAbortedException(
            "excluded: FlagsProvider never enters FATAL (see OpenFeatureSpecTest)");
      default -> throw new IllegalArgumentException("unknown provider state: " + state);
    }
  }

  private static FlagsProvider provider(Flags flags) {
    // The spec's test flags expect the caller's default for a disabled flag, as flagd gives.
    return FlagsProvider.newBuilder(flags)
        .disabledServesCallerDefault(true)
        .closeOnShutdown(true)
        .build();
  }

  @Then("the provider status should be {string}")
  public void theProviderStatusShouldBe(String status) {
    assertThat(client.getProviderState()).isEqualTo(ProviderState.valueOf(status));
  }

  // --- flags and contexts ---

  @Given("a {}-flag with key {string} and a fallback value {string}")
  public void aFlag(String type, String key, String fallback) {
    this.type = type.toLowerCase(Locale.ROOT);
    this.key = key;
    this.fallback = convert(this.type, fallback);
  }

  @Given("a context containing a key {string}, with type {string} and with value {string}")
  public void aContextEntry(String name, String type, String value) {
    attributes.put(name, Value.objectToValue(convert(type.toLowerCase(Locale.ROOT), value)));
  }

  @Given("a context containing a key {string} with null value")
  public void aContextEntryWithNullValue(String name) {
    attributes.put(name, new Value());
  }

  // --- evaluations ---

  @When("the flag was evaluated with details")
  public void evaluated() {
    details = evaluate(FlagEvaluationOptions.EMPTY);
  }

  @When("the flag was evaluated with details asynchronously")
  public void evaluatedAsynchronously() throws Exception {
    CompletableFuture<FlagEvaluationDetails<?>> future = CompletableFuture.supplyAsync(
        () -> {
          evaluatedOn = Thread.currentThread();
          return evaluate(FlagEvaluationOptions.EMPTY);
        },
        async);
    details = future.get(10, TimeUnit.SECONDS);
  }

  @Then("the evaluation should complete without blocking")
  public void completedWithoutBlocking() {
    assertThat(details).isNotNull();
    assertThat(evaluatedOn).isNotNull().isNotSameAs(Thread.currentThread());
  }

  @Given("evaluation options containing specific hooks")
  public void optionsWithHooks() {
    options = FlagEvaluationOptions.builder()
        .hook(new RecordingHook("first", hookCalls))
        .hook(new RecordingHook("second", hookCalls))
        .build();
  }

  @When("the flag was evaluated with details using the evaluation options")
  public void evaluatedWithOptions() {
    details = evaluate(options);
  }

  @Then("the specified hooks should execute during evaluation")
  public void theHooksRan() {
    assertThat(hookCalls).contains("first before", "second before", "first after");
  }

  @Then("the hook order should be maintained")
  public void theHookOrder() {
    // Spec 4.4.2: after and finally hooks run in the reverse order of the before hooks.
    List<String> before = stage(" before");
    assertThat(before).hasSize(2);
    assertThat(stage(" after")).containsExactly(before.get(1), before.get(0));
    assertThat(stage(" finally")).containsExactly(before.get(1), before.get(0));
  }

  /** The hooks that ran a stage, in the order they ran it. */
  private List<String> stage(String suffix) {
    List<String> names = new ArrayList<>();
    for (String call : hookCalls) {
      if (call.endsWith(suffix)) {
        names.add(call.substring(0, call.length() - suffix.length()));
      }
    }
    return names;
  }

  private FlagEvaluationDetails<?> evaluate(FlagEvaluationOptions opts) {
    EvaluationContext context = new ImmutableContext(attributes);
    return switch (type) {
      case "boolean" -> client.getBooleanDetails(key, (Boolean) fallback, context, opts);
      case "string" -> client.getStringDetails(key, (String) fallback, context, opts);
      case "integer" -> client.getIntegerDetails(key, (Integer) fallback, context, opts);
      case "float" -> client.getDoubleDetails(key, (Double) fallback, context, opts);
      case "object" -> client.getObjectDetails(key, (Value) fallback, context, opts);
      default -> throw new IllegalArgumentException("unknown flag type: " + type);
    };
  }

  // --- results ---

  @Then("the resolved details value should be {string}")
  public void theValueShouldBe(String expected) {
    Object value = details.getValue();
    if (type.equals("object")) {
      assertThat(((Value) value).asStructure().asObjectMap())
          .isEqualTo(((Value) convert(type, expected)).asStructure().asObjectMap());
    } else {
      assertThat(value).isEqualTo(convert(type, expected));
    }
  }

  @Then("the reason should be {string}")
  public void theReasonShouldBe(String reason) {
    assertThat(details.getReason()).isEqualTo(reason);
  }

  @Then("the error-code should be {string}")
  public void theErrorCodeShouldBe(String code) {
    assertThat(details.getErrorCode()).isEqualTo(code.isEmpty() ? null : ErrorCode.valueOf(code));
  }

  @Then("the flag key should be {string}")
  public void theFlagKeyShouldBe(String expected) {
    assertThat(details.getFlagKey()).isEqualTo(expected);
  }

  @Then("the variant should be {string}")
  public void theVariantShouldBe(String variant) {
    assertThat(details.getVariant()).isEqualTo(variant);
  }

  /**
   * Each row's entry of the details' flag metadata, by type: {@code Float} is a JSON number with a
   * fraction, which the provider gives as a {@code Double}.
   */
  @Then("the resolved metadata should contain")
  public void theMetadataShouldContain(DataTable table) {
    ImmutableMetadata metadata = details.getFlagMetadata();
    for (Map<String, String> row : table.asMaps()) {
      String name = row.get("key");
      String expected = row.get("value");
      Object actual = switch (row.get("metadata_type")) {
        case "String" -> metadata.getString(name);
        case "Integer" -> metadata.getInteger(name);
        case "Float" -> metadata.getDouble(name);
        case "Boolean" -> metadata.getBoolean(name);
        default -> throw new IllegalArgumentException("metadata type " + row);
      };
      Object want = switch (row.get("metadata_type")) {
        case "String" -> expected;
        case "Integer" -> Integer.valueOf(expected);
        case "Float" -> Double.valueOf(expected);
        default -> Boolean.valueOf(expected);
      };
      assertThat(actual).as("metadata '%s'", name).isEqualTo(want);
    }
  }

  // --- hooks ---

  @Given("a client with added hook")
  public void aClientWithAddedHook() {
    hook = new RecordingHook("client", hookCalls);
    client.addHooks(hook);
  }

  @Then("the {string} hook should have been executed")
  public void theHookRan(String stage) {
    assertThat(hookCalls).contains("client " + stage);
  }

  @Then("the {string} hooks should be called with evaluation details")
  public void theHooksGotDetails(String stages, DataTable table) {
    for (String stage : List.of(stages.replace(" ", "").split(",", -1))) {
      FlagEvaluationDetails<?> seen = hook.details.get(stage);
      assertThat(seen).as(stage + " hook's details").isNotNull();
      Iterator<List<String>> rows = table.asLists().iterator();
      rows.next(); // data_type | key | value
      while (rows.hasNext()) {
        List<String> row = rows.next();
        Object expected = row.get(2).equals("null") ? null : convert(row.get(0), row.get(2));
        Object actual = switch (row.get(1)) {
          case "flag_key" -> seen.getFlagKey();
          case "value" -> seen.getValue();
          case "variant" -> seen.getVariant();
          case "reason" -> seen.getReason();
          case "error_code" ->
            seen.getErrorCode() == null ? null : seen.getErrorCode().name();
          default -> throw new IllegalArgumentException("unknown detail: " + row.get(1));
        };
        assertThat(actual).as(stage + " " + row.get(1)).isEqualTo(expected);
      }
    }
  }

  /** Records each stage it runs in, and the details the after and finally stages get. */
  private static final class RecordingHook implements Hook<Object> {
    final String name;
    final List<String> calls;
    final Map<String, FlagEvaluationDetails<?>> details = new HashMap<>();

    RecordingHook(String name, List<String> calls) {
      this.name = name;
      this.calls = calls;
    }

    @Override
    public Optional<EvaluationContext> before(HookContext<Object> ctx, Map<String, Object> hints) {
      calls.add(name + " before");
      return Optional.empty();
    }

    @Override
    public void after(
        HookContext<Object> ctx, FlagEvaluationDetails<Object> d, Map<String, Object> hints) {
      calls.add(name + " after");
      details.put("after", d);
    }

    @Override
    public void error(HookContext<Object> ctx, Exception error, Map<String, Object> hints) {
      calls.add(name + " error");
    }

    @Override
    public void finallyAfter(
        HookContext<Object> ctx, FlagEvaluationDetails<Object> d, Map<String, Object> hints) {
      calls.add(name + " finally");
      details.put("finally", d);
    }
  }

  // --- values ---

  /** A step's text as a value of the flag type (or of a context or table data type). */
  private static Object convert(String type, String text) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "boolean" -> Boolean.valueOf(text);
      case "string" -> text;
      case "integer" -> Integer.valueOf(text);
      case "float", "double" -> Double.valueOf(text);
      case "object" -> json(text);
      default -> throw new IllegalArgumentException("unknown type: " + type);
    };
  }

  private static Value json(String text) {
    try {
      return value(JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Value value(JsonNode node) {
    if (node.isObject()) {
      Map<String, Value> fields = new HashMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), value(e.getValue())));
      return new Value(new ImmutableStructure(fields));
    }
    if (node.isArray()) {
      List<Value> items = new ArrayList<>();
      node.forEach(n -> items.add(value(n)));
      return new Value(items);
    }
    if (node.isBoolean()) {
      return new Value(node.booleanValue());
    }
    if (node.isInt()) {
      return new Value(node.intValue());
    }
    if (node.isNumber()) {
      return new Value(node.doubleValue());
    }
    return node.isNull() ? new Value() : new Value(node.asText());
  }

  // --- sources for the provider states ---

  /** A source that never answers (a request that hangs). */
  private static final class SilentSource implements FlagSource {
    @Override
    public String name() {
      return "silent";
    }

    @Override
    public void start(SourceContext context) {}

    @Override
    public void close() {}
  }

  /** A source whose every fetch fails. */
  private static final class FailingSource implements FlagSource {
    @Override
    public String name() {
      return "unreachable";
    }

    @Override
    public void start(SourceContext context) {
      context.failed(ErrorInfo.of(ErrorInfo.Kind.NETWORK, "connection refused", Instant.now()));
    }

    @Override
    public void close() {}
  }

  /** A source that serves the document, then falls back to a (cached) copy of it. */
  private static final class StaleningSource implements FlagSource {
    private volatile SourceContext context;

    @Override
    public String name() {
      return "remote";
    }

    @Override
    public void start(SourceContext context) {
      this.context = context;
      context.update(document());
    }

    void serveStale() {
      context.updateStale(document(), "origin unreachable; serving the cached copy");
    }

    private static byte[] document() {
      try (InputStream in = StaleningSource.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {}
  }
}
