package dev.flags.spring.internal;

import dev.flags.spring.FlagsNotReadyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says why start-up failed without a flag document, and what to do. */
public final class FlagsNotReadyFailureAnalyzer
    extends AbstractFailureAnalyzer<FlagsNotReadyException> {
  /** Used by Spring Boot. */
  public FlagsNotReadyFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, FlagsNotReadyException cause) {
    return new FailureAnalysis(
        "The flags client was not ready (flags.startup.await-for) within"
            + " flags.startup.await-ready (" + cause.waited() + "), and"
            + " flags.startup.fail-if-not-ready is true. Its status: " + cause.status(),
        "Check the sources in flags.sources (the status above gives each one's error), raise"
            + " flags.startup.await-ready, give an HTTP source a cache-file or a class path"
            + " source below it, or set flags.startup.fail-if-not-ready=false to start with what"
            + " the client has (without a document, evaluations return the callers' defaults"
            + " until one arrives).",
        cause);
  }
}
