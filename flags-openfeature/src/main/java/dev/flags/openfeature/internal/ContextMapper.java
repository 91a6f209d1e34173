package dev.flags.openfeature.internal;

import dev.flags.Context;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Maps an OpenFeature {@link EvaluationContext} to a flags {@link Context} (the table is in
 * docs/openfeature.md): the targeting key becomes the context key; strings, booleans, numbers,
 * instants and lists of strings keep their type; a dotted name ({@code address.city}) reads
 * through nested structures, at most {@value #MAX_DEPTH} levels deep. Nulls, structures and other
 * lists are left out.
 *
 * <p>Only the attributes a flag reads are copied ({@code Evaluation.attributes()}): enumerating
 * an OpenFeature context copies its key set on every call, which costs more than the evaluation.
 * The name {@code key} is reserved for the context key: a context attribute of that name is
 * never copied, and logged once (looked for in the first {@value #CLASH_CHECKS} contexts). Never changes the context it reads. Thread-safe.
 */
public final class ContextMapper implements Context.Mapper<EvaluationContext> {
  /** Dotted names are followed this many structures deep at most. */
  static final int MAX_DEPTH = 10;

  private static final System.Logger LOG = System.getLogger("dev.flags.openfeature");

  /**
   * The first this many contexts mapped are looked at for an attribute named {@code key}; after
   * that, none: a lookup that misses walks every layer of the SDK's merged context, which costs
   * more than the evaluation, and such an attribute comes from how an application builds its
   * contexts, so it shows in the first ones.
   */
  static final int CLASH_CHECKS = 1_000;

  private final AtomicBoolean clashLogged = new AtomicBoolean();
  private final AtomicInteger clashChecksLeft;
  /** False once the clash is logged or the checks are used up: the common path reads only it. */
  private volatile boolean checkingClash = true;

  /** A mapper that looks at the first {@value #CLASH_CHECKS} contexts for an attribute {@code key}. */
  public ContextMapper() {
    this(CLASH_CHECKS);
  }

  /** A mapper that looks at the first {@code clashChecks} contexts for an attribute {@code key}. */
  ContextMapper(int clashChecks) {
    this.clashChecksLeft = new AtomicInteger(clashChecks);
  }

  /**
   * The flags context with the targeting key and the named attributes.
   *
   * @param context the OpenFeature context
   * @param names the attributes to copy; none for a context with the key alone
   * @return the flags context
   */
  @Override
  public Context map(EvaluationContext context, List<String> names) {
    if (names.isEmpty()) {
      return keyOnly(context);
    }
    if (checkingClash) {
      checkClash(context);
    }
    String key = context.getTargetingKey();
    Context.Builder b = Context.newBuilder(key == null ? "" : key, names.size());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!name.isEmpty()
          && !Context.KEY_ATTRIBUTE.equals(name)
          && !EvaluationContext.TARGETING_KEY.equals(name)) {
        add(b, name, lookup(context, name, 0));
      }
    }
    return b.build();
  }

  /** The targeting key alone, as a flags context: what a flag that reads no attribute needs. */
  private static Context keyOnly(EvaluationContext context) {
    String key = context.getTargetingKey();
    return key == null || key.isEmpty() ? Context.EMPTY : Context.of(key);
  }

  private void checkClash(EvaluationContext context) {
    if (clashChecksLeft.getAndDecrement() <= 0) {
      checkingClash = false;
    } else if (context.getValue(Context.KEY_ATTRIBUTE) != null) {
      checkingClash = false;
      logClash();
    }
  }

  private void logClash() {
    if (clashLogged.compareAndSet(false, true)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "OpenFeature context attribute '" + Context.KEY_ATTRIBUTE + "' is left out: flags"
              + " reserves the name for the context key, which is the targeting key (logged"
              + " once)");
    }
  }

  /**
   * The value of a name: the attribute of that name, else a dotted path through structures (the
   * first that resolves, shortest head first).
   */
  private static @Nullable Value lookup(Structure s, String name, int depth) {
    Value v = s.getValue(name);
    if (v != null || depth >= MAX_DEPTH) {
      return v;
    }
    for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
      Value head = s.getValue(name.substring(0, dot));
      if (head != null && head.isStructure()) {
        Value found = lookup(head.asStructure(), name.substring(dot + 1), depth + 1);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static void add(Context.Builder b, String name, @Nullable Value v) {
    if (v == null || v.isNull()) {
      return;
    }
    if (v.isString()) {
      b.set(name, v.asString());
    } else if (v.isBoolean()) {
      b.set(name, v.asBoolean().booleanValue());
    } else if (v.isNumber()) {
      Object n = v.asObject();
      if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
        b.set(name, ((Number) n).longValue());
      } else if (n instanceof Number number) {
        b.set(name, number.doubleValue());
      }
    } else if (v.isInstant()) {
      b.set(name, v.asInstant());
    } else if (v.isList()) {
      List<String> strings = strings(v.asList());
      if (strings != null) {
        b.set(name, strings);
      }
    }
  }

  /** The list's strings, or null if it holds anything else. */
  private static @Nullable List<String> strings(List<Value> values) {
    List<String> out = new ArrayList<>(values.size());
    for (Value e : values) {
      if (e == null || !e.isString()) {
        return null;
      }
      out.add(e.asString());
    }
    return out;
  }
}
