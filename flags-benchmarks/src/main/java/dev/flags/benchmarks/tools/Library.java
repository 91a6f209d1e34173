package dev.flags.benchmarks.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The report's columns: this library, the baseline, and the peers, with where to find them. */
enum Library {
  FLAGS("flags", null, "flags-core"),
  BASELINE("HashMap baseline", "dev.flags.benchmarks.HashMapBaselineBenchmark"),
  LAUNCHDARKLY(
      "LaunchDarkly",
      "dev.flags.benchmarks.peers.LaunchDarklyBenchmark",
      "launchdarkly-java-server-sdk"),
  UNLEASH("Unleash", "dev.flags.benchmarks.peers.UnleashBenchmark", "unleash-client-java"),
  OPENFEATURE(
      "OpenFeature+flagd",
      "dev.flags.benchmarks.peers.OpenFeatureFlagdBenchmark",
      "openfeature-sdk",
      "flagd"),
  FF4J("FF4j", "dev.flags.benchmarks.peers.Ff4jBenchmark", "ff4j-core"),
  TOGGLZ("Togglz", "dev.flags.benchmarks.peers.TogglzBenchmark", "togglz-core");

  final String title;
  /** The benchmark class, or null for flags (any class of dev.flags.benchmarks). */
  final String benchmarkClass;
  /** Artifacts whose versions the report prints, as named in versions.properties. */
  final String[] artifacts;

  Library(String title, String benchmarkClass, String... artifacts) {
    this.title = title;
    this.benchmarkClass = benchmarkClass;
    this.artifacts = artifacts;
  }

  boolean isPeer() {
    return this != FLAGS && this != BASELINE;
  }

  /** The library a benchmark class belongs to. */
  static Library of(String classFqn) {
    for (Library l : values()) {
      if (classFqn.equals(l.benchmarkClass)) {
        return l;
      }
    }
    if (classFqn.startsWith("dev.flags.benchmarks.") && !classFqn.contains(".peers.")) {
      return FLAGS;
    }
    return null;
  }

  static List<Library> peers() {
    List<Library> peers = new ArrayList<>();
    for (Library l : values()) {
      if (l.isPeer()) {
        peers.add(l);
      }
    }
    return peers;
  }

  /** "artifact version, artifact version", as this jar was built (versions.properties). */
  String versions() {
    Properties versions = new Properties();
    try (InputStream in =
        Library.class.getResourceAsStream("/dev/flags/benchmarks/versions.properties")) {
      if (in != null) {
        versions.load(in);
      }
    } catch (IOException e) {
      // print "?" below
    }
    List<String> parts = new ArrayList<>();
    for (String artifact : artifacts) {
      parts.add(artifact + " " + versions.getProperty(artifact, "?"));
    }
    return String.join(", ", parts);
  }
}
