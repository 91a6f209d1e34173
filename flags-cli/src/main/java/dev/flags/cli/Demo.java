package dev.flags.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flags.Context;
import dev.flags.Evaluation;
import dev.flags.Flags;
import dev.flags.InvalidDocumentException;
import dev.flags.Problem;
import dev.flags.Reason;
import dev.flags.internal.snapshot.FlagDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code demo}: a short scripted walkthrough of the library on {@code examples/flags.json}: load,
 * evaluate for several kinds of context, a sticky rollout over 10,000 synthetic users, and a
 * broken update that is rejected whole while the last good version keeps serving.
 *
 * <p>The script names flags, rules and variants of the example document; a document without them
 * is refused, naming what it lacks ({@link #missing}). The output is deterministic: no clocks,
 * no randomness.
 */
final class Demo {
  static final String DEFAULT_DOCUMENT = "examples/flags.json";
  static final int USERS = 10_000;

  /** A new version of the example with six deliberate mistakes. */
  static final String BROKEN_DOCUMENT = """
      {
        "schema": 1,
        "version": "2026-11-22.2",
        "flags": {
          "new-checkout": {
            "variants": { "on": true, "off": false },
            "offVariant": "of",
            "prerequisites": [{ "flag": "search-ranking", "variant": "neural" }],
            "rules": [
              {
                "id": "oceania",
                "conditions": [{ "attribute": "country", "op": "in", "values": ["NZ", "AU"] }],
                "rollout": {
                  "variants": [
                    { "variant": "on", "weight": 70000 },
                    { "variant": "off", "weight": 50000 }
                  ]
                }
              },
              {
                "id": "beta",
                "conditions": [{ "op": "inSegment", "values": ["beta-testers"] }],
                "variant": "on"
              }
            ],
            "fallthrough": { "variant": "off" }
          },
          "search-ranking": {
            "variants": { "classic": "bm25", "neural": 3 },
            "offVariant": "classic",
            "prerequisites": [{ "flag": "new-checkout", "variant": "on" }],
            "rules": [
              {
                "id": "staff",
                "conditions": [{ "attribute": "email", "op": "matches", "value": "[a-z+@example.com" }],
                "variant": "neural"
              }
            ],
            "fallthrough": { "variant": "classic" }
          }
        }
      }
      """;

  private Demo() {}

  static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    String file = Args.optionalSingle(args, "demo takes at most one document");
    if (file == null) {
      file = DEFAULT_DOCUMENT;
      if (!Files.exists(Path.of(file))) {
        throw new CliException("cannot read '" + file + "': no such file (run from the"
            + " repository root, or give the document: demo <document.json>)");
      }
    }
    byte[] document = DocumentFiles.read(file, in);
    try {
      List<String> missing =
          missing(LoadedDocument.load(file, document, Instant.now()).model());
      if (!missing.isEmpty()) {
        throw new CliException(DocumentFiles.label(file) + " is not the document the demo was"
            + " written for: it has no " + String.join(", no ", missing)
            + " (run it on examples/flags.json)");
      }
    } catch (InvalidDocumentException e) {
      // shown by the demo's first step
    }

    try (Flags flags = Flags.newBuilder().build()) {
      out.println("flags demo: " + DocumentFiles.label(file));
      out.println();

      out.println("1. Load the document");
      try {
        flags.load(document);
      } catch (InvalidDocumentException e) {
        out.println("   the document is rejected:");
        printProblems(out, e);
        return FlagsCli.FAILED;
      }
      TreeSet<String> keys = new TreeSet<>(flags.flagKeys());
      out.println("   serving version " + flags.version() + ", " + keys.size() + " flags: "
          + String.join(", ", keys));
      out.println();

      out.println("2. Evaluate flags for different contexts");
      show(
          out,
          flags,
          "alice, listed in the flag's individual targets",
          "new-checkout",
          Context.of("alice"));
      show(
          out,
          flags,
          "user-77 from NZ on app 2.3.0: rule \"oceania\", a percentage rollout",
          "new-checkout",
          Context.newBuilder("user-77")
              .set("country", "NZ")
              .set("appVersion", "2.3.0")
              .build());
      show(
          out,
          flags,
          "user-2, listed in segment \"beta-testers\"",
          "new-checkout",
          Context.of("user-2"));
      show(
          out,
          flags,
          "dana, a segment member through its rule (email ends with @example.com)",
          "new-checkout",
          Context.newBuilder("dana").set("email", "Dana@Example.com").build());
      show(
          out,
          flags,
          "user-13, excluded from the segment although the email matches its rule",
          "new-checkout",
          Context.newBuilder("user-13").set("email", "ops@example.com").build());
      show(
          out, flags, "an anonymous context: no key, no attributes", "new-checkout", Context.EMPTY);
      show(
          out,
          flags,
          "bob of org acme: prerequisite new-checkout is on, pinned tenant",
          "search-ranking",
          Context.newBuilder("bob").set("orgId", "acme").build());
      show(
          out,
          flags,
          "carol: prerequisite new-checkout is off, so the off-variant",
          "search-ranking",
          Context.of("carol"));
      show(
          out,
          flags,
          "an iOS user (a number flag)",
          "checkout-retry-limit",
          Context.newBuilder("erin").set("platform", "ios").build());
      show(
          out,
          flags,
          "during the winter sale window (a JSON flag, time conditions)",
          "banner",
          Context.newBuilder("frank")
              .set("now", Instant.parse("2026-12-10T12:00:00Z"))
              .build());

      Context user = Context.of("user-77");
      String layout = flags.getString("homepage-layout", user, "classic");
      out.println("   a flag the document does not have:"
          + " getString(\"homepage-layout\", user, \"classic\") returns " + Render.quote(layout));
      out.println(
          "      " + Render.line("homepage-layout", flags.evaluate("homepage-layout", user)));
      boolean legacy = flags.isEnabled("legacy-export", user);
      out.println("   a switched-off flag: isEnabled(\"legacy-export\", user) returns " + legacy);
      out.println("      " + Render.line("legacy-export", flags.evaluate("legacy-export", user)));
      out.println();

      rollout(out, flags);
      out.println();

      rejectedUpdate(out, flags);
      out.println();

      operators(out, flags, document);
      return FlagsCli.OK;
    }
  }

  private static void show(PrintStream out, Flags flags, String who, String flag, Context c) {
    out.println("   " + who);
    out.println("      " + Render.line(flag, flags.evaluate(flag, c)));
  }

  /** Evaluates a rollout for {@link #USERS} synthetic users, twice, and counts the variants. */
  @SuppressWarnings("OrphanedFormatString") // "50% on" is a percentage printed as is
  private static void rollout(PrintStream out, Flags flags) {
    out.println("3. Sticky percentage rollout: new-checkout, rule \"oceania\" (50% on, 50% off in"
        + " the example)");
    out.println(String.format(
        Locale.ROOT,
        "   %,d synthetic users visitor-1 to visitor-%d, all from NZ on app 2.3.0",
        USERS,
        USERS));
    String[] first = new String[USERS];
    Map<String, Integer> counts = new TreeMap<>();
    int byRule = 0;
    for (int i = 0; i < USERS; i++) {
      Evaluation e = flags.evaluate("new-checkout", visitor(i));
      first[i] = e.variant() == null ? Render.CALLERS_DEFAULT : e.variant();
      counts.merge(first[i], 1, Integer::sum);
      if (e.reason() == Reason.RULE_MATCH && "oceania".equals(e.ruleId())) {
        byRule++;
      }
    }
    for (Map.Entry<String, Integer> c : counts.entrySet()) {
      out.println(String.format(
          Locale.ROOT,
          "      %-8s %,6d  %5.1f%%",
          c.getKey(),
          c.getValue(),
          100.0 * c.getValue() / USERS));
    }
    out.println(
        String.format(Locale.ROOT, "   %,d of %,d decided by rule \"oceania\"", byRule, USERS));
    int changed = 0;
    for (int i = 0; i < USERS; i++) {
      Evaluation e = flags.evaluate("new-checkout", visitor(i));
      String v = e.variant() == null ? Render.CALLERS_DEFAULT : e.variant();
      if (!v.equals(first[i])) {
        changed++;
      }
    }
    out.println(String.format(
        Locale.ROOT,
        "   evaluated again with new contexts: %,d of %,d" + " users changed variant",
        changed,
        USERS));
    out.println("   (the bucket is a hash of the flag's salt and the user key, see"
        + " docs/bucketing.md: nothing is stored)");
  }

  private static Context visitor(int i) {
    return Context.newBuilder("visitor-" + (i + 1))
        .set("country", "NZ")
        .set("appVersion", "2.3.0")
        .build();
  }

  /** Loads {@link #BROKEN_DOCUMENT} and shows that it changes nothing. */
  private static void rejectedUpdate(PrintStream out, Flags flags) {
    out.println("4. A broken update is rejected whole; the last good version keeps serving");
    Context alice = Context.of("alice");
    out.println("   before: serving version " + flags.version());
    out.println("   loading version 2026-11-22.2, built by the demo with six mistakes");
    try {
      flags.load(BROKEN_DOCUMENT);
      out.println("   unexpected: the broken document was accepted");
    } catch (InvalidDocumentException e) {
      printProblems(out, e);
    }
    out.println("   after: serving version " + flags.version());
    out.println("      " + Render.line("new-checkout", flags.evaluate("new-checkout", alice)));
  }

  /** Kill switches, overrides and rollback: what an operator does during an incident. */
  private static void operators(PrintStream out, Flags flags, byte[] document) {
    out.println("5. Operators at runtime: kill switches, overrides, rollback");
    Context alice = Context.of("alice");
    flags.kill("new-checkout", "INC-2041: checkout errors");
    out.println(
        "   kill(\"new-checkout\", \"INC-2041: checkout errors\"): beats targets and rules");
    out.println("      " + Render.line("new-checkout", flags.evaluate("new-checkout", alice)));
    flags.restore("new-checkout");
    out.println("   restore(\"new-checkout\")");
    out.println("      " + Render.line("new-checkout", flags.evaluate("new-checkout", alice)));
    List<String> killed = flags.killTag("payments", "payment provider outage");
    out.println("   killTag(\"payments\", ...) kills every flag tagged payments: " + killed);
    out.println("      "
        + Render.line("payments-kill-switch", flags.evaluate("payments-kill-switch", alice)));
    flags.restoreTag("payments");
    flags.override("checkout-retry-limit", "high", List.of("alice"));
    out.println("   override(\"checkout-retry-limit\", \"high\", [alice]) for one user");
    out.println("      "
        + Render.line("checkout-retry-limit", flags.evaluate("checkout-retry-limit", alice)));
    flags.clearOverride("checkout-retry-limit");
    String before = flags.version();
    flags.load(nextVersion(document, before + "-next"));
    out.println("   a new version arrives: " + before + " -> " + flags.version()
        + " (legacy-export switched on)");
    out.println("      " + Render.line("legacy-export", flags.evaluate("legacy-export", alice)));
    out.println(
        "   rollback() pins the previous snapshot until unpin(): serving " + flags.rollback());
    out.println("      " + Render.line("legacy-export", flags.evaluate("legacy-export", alice)));
    out.println(
        "   status: " + flags.status().state() + ", pinned to " + flags.status().pinnedVersion());
    flags.unpin();
    out.println("   unpin(): serving " + flags.version());
    out.println("   every change above was written as one line to the logger dev.flags.audit (shown"
        + " with java -Dorg.slf4j.simpleLogger.log.dev.flags=info -jar flags-cli.jar ...)");
  }

  /** The document with legacy-export switched on, as version {@code version}. */
  private static byte[] nextVersion(byte[] document, String version) {
    try {
      ObjectNode root = (ObjectNode) Json.MAPPER.readTree(document);
      root.put("version", version);
      ObjectNode legacy = (ObjectNode) root.path("flags").path("legacy-export");
      legacy.put("description", "The old CSV export, back on.");
      legacy.put("enabled", true);
      return Json.MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the document was read and validated already
    }
  }

  /**
   * What the demo's script needs that the document lacks, as phrases; empty when it has all:
   * the flags, rules, variants and tags it names, and legacy-export switched off.
   */
  static List<String> missing(FlagDocument doc) {
    List<String> missing = new ArrayList<>();
    Map<String, FlagDocument.Flag> flags = doc.flags();
    FlagDocument.Flag checkout = flags.get("new-checkout");
    if (checkout == null) {
      missing.add("flag new-checkout");
    } else {
      List<String> ids = checkout.rules().stream().map(FlagDocument.Rule::id).toList();
      for (String id : List.of("beta", "oceania")) {
        if (!ids.contains(id)) {
          missing.add("rule " + id + " in new-checkout");
        }
      }
    }
    for (String key : List.of("search-ranking", "banner", "payments-kill-switch")) {
      if (!flags.containsKey(key)) {
        missing.add("flag " + key);
      }
    }
    FlagDocument.Flag retry = flags.get("checkout-retry-limit");
    if (retry == null) {
      missing.add("flag checkout-retry-limit");
    } else if (retry.variants().stream().noneMatch(v -> v.name().equals("high"))) {
      missing.add("variant high in checkout-retry-limit");
    }
    FlagDocument.Flag legacy = flags.get("legacy-export");
    if (legacy == null) {
      missing.add("flag legacy-export");
    } else if (legacy.enabled()) {
      missing.add("legacy-export switched off (\"enabled\": false)");
    }
    if (flags.values().stream().noneMatch(f -> f.tags().contains("payments"))) {
      missing.add("flag tagged payments");
    }
    return missing;
  }

  private static void printProblems(PrintStream out, InvalidDocumentException e) {
    List<Problem> problems = e.problems();
    out.println(
        "   rejected, " + problems.size() + (problems.size() == 1 ? " problem:" : " problems:"));
    for (Problem p : problems) {
      out.println("      " + p.path() + ": " + p.message());
    }
  }
}
