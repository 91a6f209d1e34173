package dev.flags;

import static dev.flags.testsupport.Docs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A flag's {@code metadata} field: read, typed, validated, diffed and given by flagInfo. */
final class FlagMetadataTest {
  private static String doc(String version, String metadata) {
    return json("{'schema': 1, 'version': '" + version + "', 'flags': {'new-checkout': {"
        + "'variants': {'on': true, 'off': false}, 'offVariant': 'off',"
        + " 'fallthrough': {'variant': 'on'}" + metadata + "}}}");
  }

  @Test
  void flagInfo_metadata_typedInDocumentOrder() {
    try (Flags flags = Flags.newBuilder()
        .document(doc(
            "1",
            ", 'metadata': {'ticket': 'PAY-1234', 'costCentre': 42, 'share': 0.1,"
                + " 'reviewed': true, 'big': 9007199254740993}"))
        .build()) {
      Map<String, Object> metadata = flags.flagInfo("new-checkout").metadata();

      assertThat(metadata)
          .containsExactly(
              Map.entry("ticket", "PAY-1234"),
              Map.entry("costCentre", 42L),
              Map.entry("share", 0.1),
              Map.entry("reviewed", true),
              Map.entry("big", 9_007_199_254_740_993L));
      assertThat(metadata.get("costCentre")).isInstanceOf(Long.class);
    }
  }

  @Test
  void flagInfo_noMetadata_empty() {
    try (Flags flags = Flags.newBuilder().document(doc("1", "")).build()) {
      assertThat(flags.flagInfo("new-checkout").metadata()).isEmpty();
    }
  }

  @Test
  void load_badMetadata_rejectedListingEveryProblem() {
    try (Flags flags = Flags.newBuilder().document(doc("1", "")).build()) {
      InvalidDocumentException e = catchThrowableOfType(
          InvalidDocumentException.class,
          () -> flags.load(
              doc("2", ", 'metadata': {'': 'x', 'list': [1], 'nested': {'a': 1}, 'none': null}")));
      InvalidDocumentException notAnObject = catchThrowableOfType(
          InvalidDocumentException.class, () -> flags.load(doc("3", ", 'metadata': ['a']")));

      assertThat(e.problems())
          .containsExactly(
              Problem.of("flags.new-checkout.metadata[\"\"]", "a metadata name must not be empty"),
              Problem.of(
                  "flags.new-checkout.metadata.list",
                  "must be a string, number or boolean, not an array"),
              Problem.of(
                  "flags.new-checkout.metadata.nested",
                  "must be a string, number or boolean, not an object"),
              Problem.of(
                  "flags.new-checkout.metadata.none",
                  "must be a string, number or boolean, not null"));
      assertThat(notAnObject.problems())
          .containsExactly(Problem.of(
              "flags.new-checkout.metadata",
              "must be an object of names to strings, numbers or booleans, not an array"));
      assertThat(flags.version()).isEqualTo("1");
    }
  }

  @Test
  void load_metadataOnlyChange_changeEventNamesThePart() {
    List<ChangeEvent> events = new CopyOnWriteArrayList<>();
    try (Flags flags = Flags.newBuilder()
        .document(doc("1", ", 'metadata': {'ticket': 'PAY-1'}"))
        .onChange(events::add)
        .build()) {
      flags.load(doc("2", ", 'metadata': {'ticket': 'PAY-2'}"));

      assertThat(flags.flagInfo("new-checkout").metadata()).containsEntry("ticket", "PAY-2");
      dev.flags.testsupport.Await.until(
          () -> events.stream().anyMatch(ev -> ev.newVersion().equals("2")),
          () -> "the change event of version 2, got " + events);
      assertThat(events.stream()
              .filter(ev -> ev.newVersion().equals("2"))
              .findFirst()
              .get()
              .changed())
          .isEqualTo(Map.of("new-checkout", java.util.Set.of("metadata")));
    }
  }
}
