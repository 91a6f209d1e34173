package dev.flags.test;

import dev.flags.FlagEvaluator;
import dev.flags.Flags;
import dev.flags.test.internal.Annotations;
import dev.flags.test.internal.TestSetup;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 extension behind {@link FlagsTest} and {@link EachVariant}: before each test it
 * builds a {@link Flags} client from the annotations that apply to the test, and closes it after
 * the test (with every thread the client started).
 *
 * <p>The client is given to the test as a parameter of type {@link Flags} or {@link
 * FlagEvaluator} (of the test method, {@code @BeforeEach} and {@code @AfterEach} methods), and
 * set into every non-static, non-final field of those types of the test instance (and of the
 * enclosing instances of a {@code @Nested} test). Each test, each {@code @ParameterizedTest}
 * invocation and each {@link EachVariant} invocation gets a client of its own, so nothing a test
 * does (a {@code load}, a kill, an override) reaches the next.
 *
 * <p>The client's layers, lowest first: the {@link FlagsDocument} resources, then the flags of
 * {@link SetBooleanFlag}, {@link SetStringFlag} and {@link SetNumberFlag} (the layer that {@code
 * flags.load(...)} replaces); then {@link SetVariant} and {@link EachVariant} serve their variants
 * as operators' overrides. A document with problems fails the test, listing every problem.
 *
 * <p>Field injection uses reflection: on the module path, open the test package to {@code
 * dev.flags.test}.
 *
 * @since 0.1.0
 */
public final class FlagsExtension
    implements BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver,
        TestTemplateInvocationContextProvider {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FlagsExtension.class);
  private static final String CLIENT = "client";

  /** Created by JUnit from {@link FlagsTest}, {@code @ExtendWith} or {@link EachVariant}. */
  public FlagsExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    Flags flags = TestSetup.client(context.getRequiredTestClass(), context.getRequiredTestMethod());
    context.getStore(NAMESPACE).put(CLIENT, new Held(flags));
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      inject(instance, flags);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Held held = context.getStore(NAMESPACE).remove(CLIENT, Held.class);
    if (held != null) {
      held.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Flags.class || type == FlagEvaluator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Held held = context.getStore(NAMESPACE).get(CLIENT, Held.class);
    if (held == null) {
      throw new ParameterResolutionException("a Flags client is given to test methods and to"
          + " @BeforeEach and @AfterEach methods, not to " + parameter.getDeclaringExecutable());
    }
    return held.flags;
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> !eachVariant(m).isEmpty()).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    List<EachVariant> found = eachVariant(method);
    if (found.size() > 1) {
      throw new ExtensionConfigurationException(
          "@EachVariant may be given once per test method, but " + method + " has " + found);
    }
    EachVariant each = found.get(0);
    List<String> variants =
        TestSetup.variants(context.getRequiredTestClass(), method, each.flag(), each.variants());
    return variants.stream().map(v -> new VariantInvocation(each.flag(), v));
  }

  private static List<EachVariant> eachVariant(Method method) {
    return Annotations.declared(method, EachVariant.class);
  }

  private static void inject(Object instance, Flags flags) throws IllegalAccessException {
    for (Class<?> c = instance.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m)
            && !Modifier.isFinal(m)
            && (f.getType() == Flags.class || f.getType() == FlagEvaluator.class)) {
          f.setAccessible(true);
          f.set(instance, flags);
        }
      }
    }
  }

  /** One invocation of an {@link EachVariant} test: serves one variant. */
  private static final class VariantInvocation implements TestTemplateInvocationContext {
    private final String flag;
    private final String variant;

    VariantInvocation(String flag, String variant) {
      this.flag = flag;
      this.variant = variant;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return flag + "=" + variant;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      // Registered below the FlagsExtension, so it runs after the client is built.
      BeforeEachCallback serve = context -> {
        Held held = context.getStore(NAMESPACE).get(CLIENT, Held.class);
        if (held != null) {
          TestSetup.serve(held.flags, flag, variant, "@EachVariant");
        }
      };
      return List.of(serve);
    }
  }

  /** Closes the client if the test ends without {@link #afterEach} (JUnit closes the store). */
  private static final class Held implements ExtensionContext.Store.CloseableResource {
    final Flags flags;

    Held(Flags flags) {
      this.flags = flags;
    }

    @Override
    public void close() {
      flags.close();
    }
  }
}
