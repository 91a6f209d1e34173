package dev.flags.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bytes to lines: every line end, chunk boundaries anywhere, the byte order mark, the limits. */
final class SseLinesTest {
  private final List<String> lines = new ArrayList<>();
  private final List<Long> numbers = new ArrayList<>();

  private void feed(SseLines s, String... chunks) throws SseException {
    for (String c : chunks) {
      feed(s, c.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void feed(SseLines s, byte[] bytes) throws SseException {
    s.feed(ByteBuffer.wrap(bytes), (line, n) -> {
      lines.add(line);
      numbers.add(n);
    });
  }

  @Test
  void feed_everyLineEnd_sameLines() throws SseException {
    feed(new SseLines(100), "a\nb\r\nc\rd\n\n");

    assertThat(lines).containsExactly("a", "b", "c", "d", "");
    assertThat(numbers).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void feed_crlfSplitAcrossChunks_oneLineEnd() throws SseException {
    SseLines s = new SseLines(100);

    feed(s, "data: x\r");
    feed(s, "\nid: 1\r", "\r\n");

    assertThat(lines).containsExactly("data: x", "id: 1", "");
  }

  @Test
  void feed_lineSplitAcrossChunks_waitsForItsEnd() throws SseException {
    SseLines s = new SseLines(100);

    feed(s, "da", "ta: ", "x");
    assertThat(lines).isEmpty();
    feed(s, "yz\n");

    assertThat(lines).containsExactly("data: xyz");
  }

  @Test
  void feed_byteByByte_sameLines() throws SseException {
    SseLines s = new SseLines(100);
    for (byte b : "é: 1\r\n:hb\r\n".getBytes(StandardCharsets.UTF_8)) {
      feed(s, new byte[] {b});
    }

    assertThat(lines).containsExactly("é: 1", ":hb");
  }

  @Test
  void feed_byteOrderMarkAtStart_dropped() throws SseException {
    SseLines s = new SseLines(100);

    feed(s, "\uFEFFdata: a\n\uFEFFdata: b\n");

    assertThat(lines).containsExactly("data: a", "\uFEFFdata: b"); // only the stream's first
  }

  @Test
  void feed_lineAtTheLimit_accepted() throws SseException {
    SseLines s = new SseLines(300);

    feed(s, "d".repeat(300) + "\n");

    assertThat(lines).containsExactly("d".repeat(300));
  }

  @Test
  void feed_lineOverTheLimit_failsBeforeItsEndNamingTheLimit() throws SseException {
    SseLines s = new SseLines(300);
    feed(s, "ok\n");

    assertThatThrownBy(() -> feed(s, "d".repeat(301)))
        .isInstanceOf(SseException.class)
        .hasMessage("line 2 is longer than 300 bytes (the limit,"
            + " HttpFlagSource.MAX_NOTIFICATION_LINE_BYTES)");
  }

  @Test
  void feed_notUtf8_fails() {
    SseLines s = new SseLines(100);

    assertThatThrownBy(() -> feed(s, new byte[] {'d', ':', (byte) 0xC3, '\n'}))
        .isInstanceOf(SseException.class)
        .hasMessage("line 1 is not UTF-8");
  }
}
