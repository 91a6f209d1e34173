package dev.flags.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command end to end: {@code java -jar target/flags-cli.jar ...} as a process, checking
 * stdout, stderr and the exit code. Stderr is checked empty wherever the command has nothing to
 * say there: the library's audit and source log lines never mix into a command's output.
 */
final class CliJarIT {
  private static final String EXAMPLE = "examples/flags.json";

  @TempDir
  Path dir;

  @Test
  void version_printsTheProjectVersion() {
    Jar.Result r = Jar.run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo("flags-cli " + System.getProperty("flags.cli.version", "0.1.0-SNAPSHOT") + "\n");
  }

  @Test
  void help_onStdoutWithExit0_usageErrorsOnStderrWithExit2() {
    Jar.Result help = Jar.run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).isEqualTo(Help.OVERVIEW);
    assertThat(help.err()).isEmpty();
    Jar.Result diffHelp = Jar.run("diff", "--help");
    assertThat(diffHelp.code()).isZero();
    assertThat(diffHelp.out()).isEqualTo(Help.of("diff"));
    Jar.Result none = Jar.run();
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.out()).isEmpty();
    assertThat(none.err()).isEqualTo(Help.OVERVIEW);
    Jar.Result bad = Jar.run("eval", EXAMPLE);
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .isEqualTo("flags-cli eval: missing <flagKey> after 'examples/flags.json'\n");
  }

  @Test
  void validate_validAndRejected_noLogLinesInTheOutput() {
    Jar.Result ok = Jar.run("validate", EXAMPLE);
    assertThat(ok.code()).isZero();
    assertThat(ok.out()).isEqualTo("OK: version 2026-11-22.1, 6 flags\n");
    assertThat(ok.err()).isEmpty();

    Path bad = Jar.write(dir.resolve("bad.json"), """
        {"schema": 1, "version": "7", "flags": {"a": {"variants": {"on": true},
          "offVariant": "of", "fallthrough": {"variant": "on"}}}}
        """);
    Jar.Result r = Jar.run("validate", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("""
        INVALID: version 7, 1 problem
        flags.a.offVariant: 'of' is not a declared variant (declared: on)
        """);
    assertThat(r.err()).isEmpty();

    Jar.Result eval = Jar.run("eval", bad.toString(), "a");
    assertThat(eval.code()).isEqualTo(1);
    assertThat(eval.out()).isEmpty();
    assertThat(eval.err()).isEqualTo(r.out()); // the rejection is the output, nothing else
  }

  @Test
  void validate_standardInput() throws IOException {
    Jar.Result r = Jar.run(
        Jar.ROOT, Files.readAllBytes(Jar.ROOT.resolve(EXAMPLE)), List.of(), "validate", "-");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("OK: version 2026-11-22.1, 6 flags\n");
  }

  @Test
  void validate_devZero_stopsAtTheLimitInASmallHeap() {
    assumeTrue(Files.exists(Path.of("/dev/zero")), "a system with /dev/zero");
    Jar.Result r = Jar.run(Jar.ROOT, new byte[0], List.of("-Xmx128m"), "validate", "/dev/zero");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo("flags-cli validate: cannot read '/dev/zero': it is larger than the document"
            + " size limit of 67,108,864 bytes (DocumentLimits.maxDocumentBytes, 64 MiB);"
            + " stopped reading there\n");
  }

  @Test
  void eval_andJson() {
    Jar.Result r = Jar.run("eval", EXAMPLE, "new-checkout", "--key", "alice");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo("new-checkout = true  variant=on reason=TARGET_MATCH version=2026-11-22.1\n");
    assertThat(r.err()).isEmpty();
    Jar.Result unknown = Jar.run("eval", EXAMPLE, "dark-mode", "--json");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.out())
        .isEqualTo("{\"flag\":\"dark-mode\",\"value\":null,\"variant\":null,"
            + "\"reason\":\"ERROR\",\"ruleId\":null,\"prerequisiteKey\":null,"
            + "\"errorCode\":\"FLAG_NOT_FOUND\",\"version\":\"2026-11-22.1\","
            + "\"guardrail\":null}\n");
    assertThat(unknown.err()).isEmpty();
  }

  @Test
  void explain_failedConditionAndRollout() {
    Path doc = Jar.ROOT.resolve("flags-cli/" + ExplainStepsTest.DOC);
    Jar.Result r =
        Jar.run("explain", doc.toString(), "adult-content", "--key", "u-1", "--attr", "age=30");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("  2. rule adults: no match\n"
            + "               false  age gte 18: age is the string \"30\"; gte needs a number:"
            + " --attr age:number=30\n");
    Jar.Result rollout = Jar.run(
        "explain",
        EXAMPLE,
        "new-checkout",
        "--key",
        "user-42",
        "--attr",
        "country=NZ",
        "--attr",
        "appVersion=2.3.0");
    assertThat(rollout.out()).contains("""
                           rollout by the context key "user-42", salt "new-checkout" (the flag key: no salt is set)
                             bucket 30620 (of 0 to 99999)
                             on   [0, 50000)       50%  <- 30620
                             off  [50000, 100000)  50%
                           serves on
            """);
    Jar.Result json = Jar.run("explain", EXAMPLE, "legacy-export", "--json");
    assertThat(json.out())
        .startsWith("{\"flag\":\"legacy-export\",\"document\":{\"name\":\"examples/flags.json\"")
        .endsWith("\"steps\":[{\"step\":\"enabled\",\"enabled\":false}]}\n");
  }

  @Test
  void bucket_workedExample() {
    Jar.Result r = Jar.run("bucket", EXAMPLE, "new-checkout", "--key", "user-42");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains(
            "  key       \"user-42\"  hash 4d32de269f8ffaa2\n",
            "  salt      \"new-checkout\" (the flag key: no salt is set)  hash 91d2339564b27d39\n",
            "  bucket    30620 (of 0 to 99999)\n");
  }

  @Test
  void diff_exitCodes() throws IOException {
    Path next = Jar.write(dir.resolve("next.json"), DiffCommandTest.nextDocument());
    Jar.Result r = Jar.run("diff", EXAMPLE, next.toString(), "--sample", "1000");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains(
            "  ~ payments-kill-switch (enabled)\n",
            "  payments-kill-switch: 1,003 of 1,003 contexts (100.00%) see a different value\n");
    assertThat(Jar.run("diff", EXAMPLE, next.toString(), "--sample", "10", "--fail-on-change")
            .code())
        .isEqualTo(3);
    assertThat(Jar.run("diff", EXAMPLE, EXAMPLE, "--sample", "10", "--fail-on-change")
            .code())
        .isZero();
    Path bad = Jar.write(dir.resolve("bad.json"), "{\"schema\": 1}");
    Jar.Result rejected = Jar.run("diff", EXAMPLE, bad.toString());
    assertThat(rejected.code()).isEqualTo(1);
    assertThat(rejected.out()).contains("new  " + bad + " is rejected\nINVALID: ");
    assertThat(rejected.err()).isEmpty();
  }

  @Test
  void demo_printsNoAuditLines() {
    Jar.Result r = Jar.run("demo");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .startsWith("flags demo: examples/flags.json\n")
        .contains("unpin(): serving 2026-11-22.1-next\n");
    Jar.Result other = Jar.run("demo", "flags-cli/" + ExplainStepsTest.DOC);
    assertThat(other.code()).isEqualTo(2);
    assertThat(other.err())
        .startsWith(
            "flags-cli demo: flags-cli/src/test/resources/explain/"
                + "flags.json is not the document the demo was written for: it has no flag new-checkout,");
  }

  @Test
  void watch_fileRewrittenThenFor_stopsByItself() throws IOException {
    Path file = Jar.write(dir.resolve("flags.json"), WatchCommandTest.document("v1", true));
    Jar.Running p =
        Jar.start(dir, List.of(), "watch", "flags.json", "--poll", "50ms", "--for", "20s");
    p.awaitOutput(" swap (none) -> v1 (UPDATE from file:flags.json): 2 flags\n");
    replace(file, WatchCommandTest.document("v2", false));
    p.awaitOutput(" kill a: \"enabled\": false in v2, every context gets the off-variant off\n");
    replace(file, WatchCommandTest.INVALID);
    p.awaitOutput("""
         reject version v3 from file:flags.json: 2 problems, still serving v2
            flags.a.offVariant: 'of' is not a declared variant (declared: on)
        """);
    // The rejection is printed as the source reports it, the client's state once it has taken it
    // in: the stop below reads that state.
    p.awaitOutput(" status STALE");
    // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook closes the client. (Process.destroy would also
    // close this side's pipes, losing the last lines.)
    p.process.toHandle().destroy();
    Jar.Result r = p.await();
    assertThat(r.code()).isEqualTo(143);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).containsPattern("Z stopped, serving version v2 \\(STALE\\)\n$");

    Jar.Result timed = Jar.run(dir, "watch", "flags.json", "--poll", "50ms", "--for", "500ms");
    assertThat(timed.code()).isEqualTo(1); // the latest document is rejected
    assertThat(timed.out()).containsPattern("Z stopped, serving nothing \\(ERROR\\)\n$");
  }

  @Test
  void watch_url() throws IOException {
    AtomicReference<String> body = new AtomicReference<>(WatchCommandTest.document("v1", true));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/flags.json", exchange -> {
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/flags.json";
      Jar.Running p = Jar.start(dir, List.of(), "watch", url, "--poll", "1s", "--for", "30s");
      p.awaitOutput(" swap (none) -> v1 (UPDATE from " + url + "): 2 flags\n");
      body.set(WatchCommandTest.document("v2", true).replace("\"b\"", "\"c\""));
      p.awaitOutput(" swap v1 -> v2 (UPDATE from " + url + "): added c; removed b\n");
      p.process.toHandle().destroy();
      Jar.Result r = p.await();
      assertThat(r.err()).isEmpty();
      assertThat(r.out())
          .startsWith(r.out().substring(0, 24) + " watching " + url + " (poll every 1s), for 30s\n")
          .containsPattern("Z stopped, serving version v2 \\(READY\\)\n$");
    } finally {
      server.stop(0);
    }
  }

  private void replace(Path file, String text) throws IOException {
    Path tmp = Files.writeString(dir.resolve("tmp.json"), text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
