package dev.flags.spring.internal;

import dev.flags.DocumentLimits;
import dev.flags.Flags;
import dev.flags.spi.FlagSource;
import dev.flags.spring.FlagsBuilderCustomizer;
import dev.flags.spring.FlagsNotReadyException;
import dev.flags.spring.FlagsProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the client from {@link FlagsProperties}: sources in layer order, limits, history,
 * evaluation metrics and name, then the application's customizers; then waits, bounded, for the
 * first document. Every refused value fails with the property's name.
 */
public final class ClientFactory {
  private static final Logger LOG = LoggerFactory.getLogger("dev.flags.spring");

  private final FlagsProperties properties;
  private final ClassLoader classLoader;
  private final @Nullable String applicationName;

  /**
   * A factory.
   *
   * @param properties the bound properties
   * @param classLoader the application's class loader, for class path sources
   * @param applicationName {@code spring.application.name}, or null
   */
  public ClientFactory(
      FlagsProperties properties, ClassLoader classLoader, @Nullable String applicationName) {
    this.properties = properties;
    this.classLoader = classLoader;
    this.applicationName = applicationName;
  }

  /**
   * Builds and starts the client, and waits for its first document as configured.
   *
   * @param customizers the application's customizers, in order
   * @return the client
   * @throws FlagsNotReadyException if no document came in time and start-up must fail
   */
  public Flags create(List<FlagsBuilderCustomizer> customizers) {
    Flags.Builder b = Flags.newBuilder();
    String name = properties.getName();
    if (name != null) {
      Invalid.check("flags.name", name, () -> b.name(name));
    } else if (applicationName != null && !applicationName.isBlank()) {
      b.name(applicationName);
    }
    Invalid.check(
        "flags.history-size",
        properties.getHistorySize(),
        () -> b.historySize(properties.getHistorySize()));
    b.limits(limits(properties.getLimits()));
    b.metrics(properties.getMetrics().isEvaluations());
    Duration await = properties.getStartup().getAwaitReady();
    if (await.isNegative()) {
      throw Invalid.property("flags.startup.await-ready", await, "must not be negative");
    }
    // A source may own threads from the moment it is built (an HTTP source's client): if a later
    // value is refused, or a customizer throws, the ones already built are closed.
    SourceFactory factory = new SourceFactory(classLoader);
    List<FlagSource> built = new ArrayList<>();
    Flags flags;
    try {
      for (int i = 0; i < properties.getSources().size(); i++) {
        FlagSource source = factory.create(i, properties.getSources().get(i));
        built.add(source);
        b.source(source);
      }
      for (FlagsBuilderCustomizer c : customizers) {
        c.customize(b);
      }
      flags = b.build();
    } catch (RuntimeException | Error e) {
      for (FlagSource source : built) {
        source.close();
      }
      throw e;
    }
    // Without a source nothing can arrive: no wait.
    if (!flags.status().sources().isEmpty() && !await.isZero() && !awaited(flags, await)) {
      if (properties.getStartup().isFailIfNotReady()) {
        String status = flags.status().toString();
        flags.close();
        throw new FlagsNotReadyException(await, status);
      }
      LOG.warn(
          "flags.startup.await-for={} not reached within flags.startup.await-ready={}; starting"
              + " anyway: {}",
          properties.getStartup().getAwaitFor(),
          await,
          flags.status());
    }
    return flags;
  }

  private boolean awaited(Flags flags, Duration await) {
    return switch (properties.getStartup().getAwaitFor()) {
      case FIRST_DOCUMENT -> flags.awaitReady(await);
      case ALL_SOURCES -> flags.awaitAllSources(await);
    };
  }

  static DocumentLimits limits(FlagsProperties.Limits l) {
    DocumentLimits.Builder b = DocumentLimits.newBuilder();
    set("max-document-bytes", l.getMaxDocumentBytes(), b::maxDocumentBytes);
    set("max-nesting-depth", l.getMaxNestingDepth(), b::maxNestingDepth);
    set("max-string-length", l.getMaxStringLength(), b::maxStringLength);
    set("max-key-length", l.getMaxKeyLength(), b::maxKeyLength);
    set("max-number-length", l.getMaxNumberLength(), b::maxNumberLength);
    set("max-flags", l.getMaxFlags(), b::maxFlags);
    set("max-segments", l.getMaxSegments(), b::maxSegments);
    set("max-rules-per-flag", l.getMaxRulesPerFlag(), b::maxRulesPerFlag);
    set("max-keys-per-list", l.getMaxKeysPerList(), b::maxKeysPerList);
    set("max-prerequisite-depth", l.getMaxPrerequisiteDepth(), b::maxPrerequisiteDepth);
    set("max-regex-repetition", l.getMaxRegexRepetition(), b::maxRegexRepetition);
    set("max-regex-program-size", l.getMaxRegexProgramSize(), b::maxRegexProgramSize);
    return b.build();
  }

  private static void set(
      String name, @Nullable Integer value, IntFunction<DocumentLimits.Builder> setter) {
    if (value != null) {
      Invalid.check("flags.limits." + name, value, () -> setter.apply(value));
    }
  }
}
