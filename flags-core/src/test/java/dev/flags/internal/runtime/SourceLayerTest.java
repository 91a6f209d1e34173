package dev.flags.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flags.DocumentLimits;
import dev.flags.ErrorInfo;
import dev.flags.SourceStatus;
import dev.flags.Status.State;
import dev.flags.TestApi;
import dev.flags.internal.document.DocumentLoader;
import dev.flags.internal.document.ParsedDocument;
import dev.flags.sources.MemorySource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The layer's state table, event by event; no threads, no sources running. */
final class SourceLayerTest {
  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);

  private final SourceLayer layer = new SourceLayer(0, MemorySource.empty("remote"));

  @Test
  void new_isInitializingWithNothing() {
    assertThat(layer.state()).isEqualTo(State.INITIALIZING);
    assertThat(layer.hasAnswer()).isFalse();
    assertThat(status().toString()).isEqualTo("remote=INITIALIZING");
  }

  @Test
  void accepted_document_readyWithVersion() {
    layer.accepted(doc("v1"), null, T0);

    assertThat(layer.state()).isEqualTo(State.READY);
    assertThat(status().version()).isEqualTo("v1");
    assertThat(status().lastUpdate()).isEqualTo(T0);
    assertThat(status().detail()).isNull();
  }

  @Test
  void accepted_withStaleNote_staleWithTheNote() {
    layer.accepted(doc("v1"), "serving cache file", T0);

    assertThat(layer.state()).isEqualTo(State.STALE);
    assertThat(status().detail()).isEqualTo("serving cache file");
  }

  @Test
  void accepted_noDocument_readyAndCleared() {
    layer.accepted(null, "ignored without a document", T0);

    assertThat(layer.state()).isEqualTo(State.READY);
    assertThat(layer.isCleared()).isTrue();
    assertThat(status().detail()).isEqualTo("no document");
    assertThat(status().version()).isNull();
  }

  @Test
  void rejected_withoutDocument_error() {
    layer.rejected(error(ErrorInfo.Kind.INVALID_DOCUMENT));

    assertThat(layer.state()).isEqualTo(State.ERROR);
    assertThat(status().detail()).isEqualTo("latest document rejected");
  }

  @Test
  void rejected_afterDocument_staleAndUnchangedKeepsIt() {
    layer.accepted(doc("v1"), null, T0);
    layer.rejected(error(ErrorInfo.Kind.INVALID_DOCUMENT));

    layer.unchanged(T1);

    assertThat(layer.state()).isEqualTo(State.STALE);
    assertThat(status().lastUpdate()).isEqualTo(T0);
    assertThat(layer.document()).isEqualTo(doc("v1"));
  }

  @Test
  void sameDocument_afterRejection_readyAgain() {
    layer.accepted(doc("v1"), null, T0);
    layer.rejected(error(ErrorInfo.Kind.INVALID_DOCUMENT));

    layer.sameDocument(null, T1);

    assertThat(layer.state()).isEqualTo(State.READY);
    assertThat(status().lastUpdate()).isEqualTo(T1);
  }

  @Test
  void unchanged_beforeAnyDocument_staysInitializing() {
    layer.unchanged(T0);

    assertThat(layer.state()).isEqualTo(State.INITIALIZING);
    assertThat(status().lastUpdate()).isNull();
  }

  @Test
  void unchanged_afterStaleDocument_ready() {
    layer.accepted(doc("v1"), "serving cache file", T0);

    layer.unchanged(T1);

    assertThat(layer.state()).isEqualTo(State.READY);
    assertThat(status().detail()).isNull();
  }

  @Test
  void failed_transientWithDocument_staleAndReportsTheChange() {
    layer.accepted(doc("v1"), null, T0);

    boolean changed = layer.failed(error(ErrorInfo.Kind.NETWORK));

    assertThat(changed).isTrue();
    assertThat(layer.state()).isEqualTo(State.STALE);
    assertThat(layer.failed(error(ErrorInfo.Kind.NETWORK))).isFalse();
  }

  @Test
  void failed_needsOperatorWithDocument_errorWhileServing() {
    layer.accepted(doc("v1"), null, T0);

    layer.failed(error(ErrorInfo.Kind.HTTP).needingOperator());

    assertThat(layer.state()).isEqualTo(State.ERROR);
    assertThat(layer.document()).isEqualTo(doc("v1"));
  }

  @Test
  void failed_withoutDocument_error() {
    layer.failed(error(ErrorInfo.Kind.NETWORK));

    assertThat(layer.state()).isEqualTo(State.ERROR);
    assertThat(status().lastError()).isNotNull();
  }

  @Test
  void emptied_readyWithNoDocument() {
    layer.rejected(error(ErrorInfo.Kind.INVALID_DOCUMENT));

    layer.emptied(T0);

    assertThat(layer.state()).isEqualTo(State.READY);
    assertThat(layer.hasAnswer()).isTrue();
    assertThat(status().detail()).isEqualTo("no document");
  }

  @Test
  void note_changesNoStateAndFollowsTheDetail() {
    layer.accepted(doc("v1"), null, T0);

    layer.note("notifications down: HTTP 503");

    assertThat(layer.state()).isEqualTo(State.READY);
    assertThat(status().detail()).isEqualTo("notifications down: HTTP 503");
    layer.rejected(error(ErrorInfo.Kind.INVALID_DOCUMENT));
    assertThat(status().detail())
        .isEqualTo("latest document rejected; notifications down: HTTP 503");
    layer.unchanged(T1); // the state's own events leave the note alone
    layer.sameDocument(null, T1);
    assertThat(status().detail()).isEqualTo("notifications down: HTTP 503");

    layer.note(null);

    assertThat(status().detail()).isNull();
    assertThat(layer.state()).isEqualTo(State.READY);
  }

  @Test
  void defer_keepsTheCandidateUntilAccepted() {
    layer.defer(doc("v2"), "note");
    assertThat(layer.deferred()).isEqualTo(doc("v2"));
    assertThat(layer.deferredNote()).isEqualTo("note");

    layer.accepted(doc("v2"), null, T0);

    assertThat(layer.deferred()).isNull();
  }

  private SourceStatus status() {
    return layer.status(TestApi.factory());
  }

  private static ErrorInfo error(ErrorInfo.Kind kind) {
    return ErrorInfo.of(kind, "boom", T0, kind == ErrorInfo.Kind.HTTP ? 404 : 0);
  }

  static ParsedDocument doc(String version) {
    String json = "{\"schema\": 1, \"version\": \"" + version + "\", \"flags\": {}}";
    return new DocumentLoader(DocumentLimits.defaults())
        .read(json.getBytes(StandardCharsets.UTF_8))
        .orThrow();
  }
}
