package dev.flags.http.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits the bytes of an event stream into lines, as they arrive in chunks of any size. A line ends
 * with CRLF, LF or CR (a CR at the end of one chunk and an LF at the start of the next are one
 * end); its bytes must be UTF-8, and one byte order mark at the start of the stream is dropped.
 * A line longer than the limit fails as soon as it passes it, so an endless line takes bounded
 * memory. Pure: no threads, no I/O; not thread-safe.
 */
public final class SseLines {
  /** Receives each complete line, without its end. */
  @FunctionalInterface
  public interface Consumer {
    /**
     * Takes one line.
     *
     * @param line the line, without its end
     * @param number its number in the stream, from 1
     * @throws SseException if the line is not acceptable
     */
    void line(String line, long number) throws SseException;
  }

  private final int maxLineBytes;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8
      .newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] line = new byte[128];
  private int length;
  private long number;
  /** The last byte fed was a CR: an LF right after it ends nothing more. */
  private boolean afterCr;

  /**
   * A splitter with this line limit.
   *
   * @param maxLineBytes the longest line accepted, in bytes without its end
   */
  public SseLines(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Feeds the next bytes of the stream, and hands every line they complete to {@code out}. A line
   * not complete yet waits for the next bytes.
   *
   * @param bytes the bytes, read to their end
   * @param out where lines go
   * @throws SseException if a line is longer than the limit or is not UTF-8, or {@code out}
   *     refuses one
   */
  public void feed(ByteBuffer bytes, Consumer out) throws SseException {
    while (bytes.hasRemaining()) {
      byte b = bytes.get();
      if (b == '\n' && afterCr) {
        afterCr = false; // the LF of a CRLF
        continue;
      }
      afterCr = b == '\r';
      if (b == '\n' || b == '\r') {
        number++;
        out.line(decode(), number);
        length = 0;
        continue;
      }
      if (length == maxLineBytes) {
        throw new SseException("line " + (number + 1) + " is longer than " + maxLineBytes
            + " bytes (the limit, HttpFlagSource.MAX_NOTIFICATION_LINE_BYTES)");
      }
      if (length == line.length) {
        line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
      }
      line[length++] = b;
    }
  }

  private String decode() throws SseException {
    int start = 0;
    if (number == 1
        && length >= 3
        && line[0] == (byte) 0xEF
        && line[1] == (byte) 0xBB
        && line[2] == (byte) 0xBF) {
      start = 3; // the byte order mark
    }
    try {
      CharBuffer chars = utf8.decode(ByteBuffer.wrap(line, start, length - start));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new SseException("line " + number + " is not UTF-8");
    }
  }
}
