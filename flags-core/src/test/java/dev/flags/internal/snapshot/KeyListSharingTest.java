package dev.flags.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.Context;
import dev.flags.DocumentLimits;
import dev.flags.Reason;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.testsupport.Docs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A validated document's target and segment key lists are the sets the snapshot compiled from it
 * looks keys up in: one object each, held once by a client that keeps the document in its history.
 * The lists still equal the document's, in order and with duplicates.
 */
final class KeyListSharingTest {
  private static final DocumentLoader LOADER = new DocumentLoader(DocumentLimits.defaults());

  private static final byte[] DOCUMENT = Docs.docWithSegments(
          "v1",
          "'staff': {'included': ['ann', 'bob', 'ann']},"
              + " 'members': {'included': ['x'], 'excluded': ['y', 'z']}",
          Docs.flag(
              "targeted",
              "'variants': {'on': true, 'off': false}, 'offVariant': 'off', 'targets':"
                  + " [{'variant': 'on', 'keys': ['alice', 'bob', 'alice']},"
                  + " {'variant': 'off', 'keys': ['carol']}], 'fallthrough': {'variant': 'off'}"),
          Docs.flag(
              "staff-only",
              "'variants': {'on': true, 'off': false}, 'offVariant': 'off', 'rules': [{'id': 'r',"
                  + " 'variant': 'on', 'conditions': [{'op': 'inSegment', 'value': 'staff'}]}],"
                  + " 'fallthrough': {'variant': 'off'}"))
      .getBytes(StandardCharsets.UTF_8);

  /** The document validated while streaming (as a client reads), and afterwards from the tree. */
  static Stream<FlagDocument> documents() {
    return Stream.of(LOADER.readAndValidate(DOCUMENT), LOADER.read(DOCUMENT))
        .map(parsed -> LOADER.validate(parsed.orThrow()).orThrow());
  }

  @ParameterizedTest
  @MethodSource("documents")
  void targetKeys_documentListIsTheCompiledSet(FlagDocument doc) {
    Snapshot snapshot = LOADER.compile(doc, Instant.EPOCH);

    List<FlagDocument.Target> targets = doc.flags().get("targeted").targets();
    CompiledFlag flag = snapshot.flag("targeted");
    assertThat(flag.targetKeys[0]).isSameAs(targets.get(0).keys());
    assertThat(flag.targetKeys[1]).isSameAs(targets.get(1).keys());
    assertThat(targets.get(0).keys()).containsExactly("alice", "bob", "alice");
    // Equal to the same target made with a plain list, both ways round.
    FlagDocument.Target plain = new FlagDocument.Target(0, List.of("alice", "bob", "alice"));
    assertThat(targets.get(0)).isEqualTo(plain).hasSameHashCodeAs(plain);
    assertThat(plain).isEqualTo(targets.get(0));
    assertThat(Evaluator.evaluate(snapshot, flag, Context.of("alice")).reason())
        .isEqualTo(Reason.TARGET_MATCH);
  }

  @ParameterizedTest
  @MethodSource("documents")
  void segmentKeys_documentListsAreTheCompiledSets(FlagDocument doc) {
    Snapshot snapshot = LOADER.compile(doc, Instant.EPOCH);

    FlagDocument.Segment staff = doc.segments().get("staff");
    // The segment is a key list alone: the flag looks keys up in its included set directly.
    assertThat(snapshot.flag("staff-only").soleKeys).isSameAs(staff.included());
    assertThat(staff.included()).containsExactly("ann", "bob", "ann");
    assertThat(staff.excluded()).isEqualTo(List.of()).isSameAs(KeyList.of(List.of()));
    FlagDocument.Segment members = doc.segments().get("members");
    assertThat(members.excluded()).isInstanceOf(KeyList.class).containsExactly("y", "z");
    assertThat(KeyList.of(members.excluded())).isSameAs(members.excluded());
    assertThat(KeyList.of(members.included())).isSameAs(members.included());
    assertThat(members)
        .isEqualTo(
            new FlagDocument.Segment("members", "", List.of("x"), List.of("y", "z"), List.of()));
  }
}
