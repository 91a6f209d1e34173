package dev.flags.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flags.Flags;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * docs/spring-boot.md shows what the tests run: its YAML examples are these test resources (the
 * smallest one starts an application, the full one binds value by value), its security
 * configuration is {@link ActuatorSecurity}'s, and its property table lists exactly the
 * properties the generated configuration metadata declares.
 */
final class DocsTest {
  private static final Path GUIDE = Path.of("../docs/spring-boot.md");

  private static String guide() throws IOException {
    return Files.readString(GUIDE);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = new ClassPathResource(name).getInputStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static List<PropertySource<?>> yaml(String name) throws IOException {
    return new YamlPropertySourceLoader().load(name, new ClassPathResource(name));
  }

  @Test
  void smallestSetup_isInTheGuide_andStartsAClient() throws IOException {
    assertThat(guide()).contains("```yaml\n" + resource("docs/minimal.yml") + "```");
    List<PropertySource<?>> minimal = yaml("docs/minimal.yml");

    new ApplicationContextRunner()
        .withInitializer(c -> minimal.forEach(c.getEnvironment().getPropertySources()::addFirst))
        .withConfiguration(AutoConfigurations.of(FlagsAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(Flags.class).isReady()).isTrue();
          assertThat(
                  context.getEnvironment().getProperty("management.endpoints.web.exposure.include"))
              .isEqualTo("health,flags");
        });
  }

  @Test
  void fullExample_isInTheGuide_andBindsEveryValue() throws IOException {
    assertThat(guide()).contains("```yaml\n" + resource("docs/application.yml") + "```");
    StandardEnvironment env = new StandardEnvironment();
    yaml("docs/application.yml").forEach(env.getPropertySources()::addFirst);
    env.getPropertySources()
        .addLast(new MapPropertySource(
            "env",
            Map.of(
                "FLAGS_URL", "https://flags.example.com/checkout.json", "FLAGS_TOKEN", "t0ken")));

    FlagsProperties p = Binder.get(env).bind("flags", FlagsProperties.class).get();

    assertThat(p.getSources()).hasSize(3);
    assertThat(p.getSources().get(0).getClasspath()).isEqualTo("flags/defaults.json");
    FlagsProperties.Source http = p.getSources().get(1);
    assertThat(http.getUrl()).isEqualTo(URI.create("https://flags.example.com/checkout.json"));
    assertThat(http.getPollInterval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(http.getJitter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(http.getHeaders()).isEqualTo(Map.of("Authorization", "Bearer t0ken"));
    assertThat(http.getCacheFile()).isEqualTo(Path.of("/var/cache/checkout/flags.json"));
    FlagsProperties.Source file = p.getSources().get(2);
    assertThat(file.getFile()).isEqualTo(Path.of("/etc/checkout/flags-override.json"));
    assertThat(file.isOptional()).isTrue();
    assertThat(file.getPollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.getHistorySize()).isEqualTo(20);
    assertThat(p.getLimits().getMaxDocumentBytes()).isEqualTo(4194304);
    assertThat(p.getStartup().getAwaitReady()).isEqualTo(Duration.ofSeconds(3));
    assertThat(p.getStartup().isFailIfNotReady()).isFalse();
    assertThat(p.getHealth().getStaleStatus()).isEqualTo("UP");
    assertThat(p.getEndpoint().isWritesEnabled()).isTrue();
    assertThat(p.getRequestContext().getKeyHeader()).isEqualTo("X-Device-Id");
    assertThat(p.getRequestContext().getHeaders()).isEqualTo(Map.of("country", "X-Country"));
    assertThat(p.getRequestContext().getAttributes()).isEqualTo(Map.of("tenant", "tenantId"));
  }

  @Test
  void securityConfiguration_isInTheGuideVerbatim() throws IOException {
    List<String> source =
        Files.readAllLines(Path.of("src/test/java/dev/flags/spring/ActuatorSecurity.java"));
    StringBuilder region = new StringBuilder();
    boolean in = false;
    int indent = 0;
    for (String line : source) {
      if (line.strip().equals("// snippet: actuator-security")) {
        in = true;
        indent = line.indexOf('/');
      } else if (line.strip().equals("// end snippet")) {
        in = false;
      } else if (in) {
        region
            .append(line.length() > indent ? line.substring(indent) : line.strip())
            .append('\n');
      }
    }
    assertThat(region).isNotEmpty();
    assertThat(guide()).contains("```java\n" + region + "```");
  }

  @Test
  void propertyTable_listsExactlyTheDeclaredProperties() throws IOException {
    JsonNode metadata;
    try (InputStream in =
        new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
      metadata = new ObjectMapper().readTree(in);
    }
    Set<String> declared = new TreeSet<>();
    for (JsonNode p : metadata.get("properties")) {
      String name = p.get("name").asText();
      if (name.startsWith("flags.")) {
        declared.add(name);
      }
    }
    // Each source's settings are listed as flags.sources[].<name>.
    for (java.lang.reflect.Field f : FlagsProperties.Source.class.getDeclaredFields()) {
      declared.add("flags.sources[]." + kebab(f.getName()));
    }
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("^\\| `(flags\\.[a-z0-9.\\[\\]-]+)` \\|", Pattern.MULTILINE)
        .matcher(guide());
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertThat(documented).isEqualTo(declared);
  }

  @Test
  void metadata_givesDefaultsAndDescriptions() throws IOException {
    JsonNode metadata;
    try (InputStream in =
        new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
      metadata = new ObjectMapper().readTree(in);
    }
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    metadata.get("properties").forEach(p -> byName.put(p.get("name").asText(), p));
    assertThat(byName.get("flags.history-size").get("defaultValue").asInt())
        .isEqualTo(Flags.DEFAULT_HISTORY_SIZE);
    assertThat(byName.get("flags.startup.await-ready").get("defaultValue").asText())
        .isEqualTo("5s");
    assertThat(byName.get("flags.endpoint.writes-enabled").get("defaultValue").asBoolean())
        .isFalse();
    byName.values().stream()
        .filter(p -> p.get("name").asText().startsWith("flags."))
        .forEach(p -> assertThat(p.path("description").asText())
            .as(p.get("name").asText())
            .isNotBlank()
            .doesNotContain("{@"));
    assertThat(metadata.get("hints").get(0).get("name").asText())
        .isEqualTo("flags.health.stale-status");
  }

  @Test
  void limitDefaults_inTheTable_areTheLibrarys() throws Exception {
    dev.flags.DocumentLimits defaults = dev.flags.DocumentLimits.defaults();
    Matcher m = Pattern.compile(
            "^\\| `flags\\.limits\\.([a-z-]+)` \\| ([0-9,]+)", Pattern.MULTILINE)
        .matcher(guide());
    int rows = 0;
    while (m.find()) {
      String accessor = camel(m.group(1));
      int expected = (int) dev.flags.DocumentLimits.class.getMethod(accessor).invoke(defaults);
      assertThat(Integer.parseInt(m.group(2).replace(",", ""))).as(m.group(1)).isEqualTo(expected);
      rows++;
    }
    assertThat(rows).isEqualTo(12);
  }

  private static String camel(String kebab) {
    StringBuilder s = new StringBuilder();
    boolean up = false;
    for (int i = 0; i < kebab.length(); i++) {
      char c = kebab.charAt(i);
      if (c == '-') {
        up = true;
      } else {
        s.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return s.toString();
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
