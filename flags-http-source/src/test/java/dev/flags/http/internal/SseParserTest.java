package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines to what the source needs: events, IDs, retry, heartbeats; and what is not SSE. */
final class SseParserTest {
  /** What the listener heard, one string each. */
  private final List<String> heard = new ArrayList<>();

  private final SseParser.Listener listener = new SseParser.Listener() {
    @Override
    public void event(String type, String lastEventId) {
      heard.add("event " + type + " id=" + lastEventId);
    }

    @Override
    public void retry(long millis) {
      heard.add("retry " + millis);
    }

    @Override
    public void comment() {
      heard.add("comment");
    }
  };

  private void feed(SseParser p, String text) throws SseException {
    p.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), listener);
  }

  @Test
  void feed_nchanStream_commentsAndOneEventWithItsId() throws SseException {
    SseParser p = new SseParser(1024, null);

    // As nginx with nchan sends it: a greeting, a message, and heartbeats with a ping event
    // that has no data.
    feed(p, ": hi\n\nid: 1796168576:0\ndata: changed v2\n\n:hb\nevent: ping\n\n");

    assertThat(heard).containsExactly("comment", "event message id=1796168576:0", "comment");
    assertThat(p.lastEventId()).isEqualTo("1796168576:0");
  }

  @Test
  void feed_eventType_givenTypeThenDefaultAgain() throws SseException {
    SseParser p = new SseParser(1024, null);

    feed(p, "event: flags-changed\ndata\n\ndata:x\n\n");

    assertThat(heard).containsExactly("event flags-changed id=", "event message id=");
  }

  @Test
  void feed_multilineData_oneEvent() throws SseException {
    SseParser p = new SseParser(1024, null);

    feed(p, "data: {\"version\":\ndata: \"v2\"}\n\n");

    assertThat(heard).containsExactly("event message id=");
  }

  @Test
  void feed_idLastsAcrossEventsUntilReplacedOrEmptied() throws SseException {
    SseParser p = new SseParser(1024, null);

    feed(p, "id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n");

    assertThat(heard)
        .containsExactly("event message id=7", "event message id=7", "event message id=");
    assertThat(p.lastEventId()).isEmpty();
  }

  @Test
  void feed_idOfAnEarlierConnection_carriedUntilReplaced() throws SseException {
    SseParser p = new SseParser(1024, "41");

    feed(p, "data: a\n\n");
    assertThat(p.lastEventId()).isEqualTo("41");
    feed(p, "id: 42\ndata: b\n\n");

    assertThat(heard).containsExactly("event message id=41", "event message id=42");
  }

  @Test
  void feed_idNotDispatched_notTheLastEventIdYet() throws SseException {
    SseParser p = new SseParser(1024, "41");

    feed(p, "id: 42\ndata: cut off before the blank line");

    assertThat(p.lastEventId()).isEqualTo("41");
    assertThat(heard).isEmpty();
  }

  @Test
  void feed_idWithNul_ignored() throws SseException {
    SseParser p = new SseParser(1024, null);

    feed(p, "id: 1\n\nid: 2\u0000x\ndata: a\n\n");

    assertThat(heard).containsExactly("event message id=1");
  }

  @Test
  void feed_retry_digitsOnly() throws SseException {
    SseParser p = new SseParser(1024, null);

    feed(p, "retry: 2500\nretry: 1.5\nretry: -1\nretry:\nretry: 99999999999999999999\n\n");

    assertThat(heard).containsExactly("retry 2500", "retry " + Long.MAX_VALUE);
  }

  @Test
  void feed_fieldWithoutSpaceOrValue_readAsTheFormatSays() throws SseException {
    SseParser p = new SseParser(1024, null);

    feed(p, "id:9\nevent:x\ndata\n\n");

    assertThat(heard).containsExactly("event x id=9");
  }

  @Test
  void feed_unknownTokenField_ignored() throws SseException {
    SseParser p = new SseParser(1024, null);

    feed(p, "x-trace: abc\nfoo_bar\ndata: a\n\n");

    assertThat(heard).containsExactly("event message id=");
  }

  @Test
  void feed_eventWithoutBlankLine_notDispatched() throws SseException {
    SseParser p = new SseParser(1024, null);

    feed(p, "data: a\n");

    assertThat(heard).isEmpty();
  }

  @Test
  void feed_htmlPage_notAnEventStream() {
    SseParser p = new SseParser(1024, null);

    assertThatThrownBy(() -> feed(p, "<!DOCTYPE html>\n<html>\n"))
        .isInstanceOf(SseException.class)
        .hasMessage("line 1 is not an event stream field: '<!DOCTYPE html>'");
  }

  @Test
  void feed_jsonBody_notAnEventStreamAndShownShort() {
    SseParser p = new SseParser(1024, null);
    String json = "{\"schema\": 1, \"version\": \"v2\", \"flags\": {\"feature\": {}}}";

    assertThatThrownBy(() -> feed(p, ": ok\n\n" + json + "\n"))
        .isInstanceOf(SseException.class)
        .hasMessage("line 3 is not an event stream field:"
            + " '{\"schema\": 1, \"version\": \"v2\", \"flags\": ...'");
  }

  @Test
  void feed_controlCharacterInName_shownEscaped() {
    SseParser p = new SseParser(1024, null);

    assertThatThrownBy(() -> feed(p, "da\u0007ta: x\n"))
        .isInstanceOf(SseException.class)
        .hasMessage("line 1 is not an event stream field: 'da\\u0007ta: x'");
  }

  @Test
  void feed_lineOverTheLimit_fails() {
    SseParser p = new SseParser(16, null);

    assertThatThrownBy(() -> feed(p, "data: " + "x".repeat(20)))
        .isInstanceOf(SseException.class)
        .hasMessageStartingWith("line 1 is longer than 16 bytes");
  }
}
