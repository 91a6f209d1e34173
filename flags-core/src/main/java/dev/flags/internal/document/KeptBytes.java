package dev.flags.internal.document;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A document's bytes as a layer keeps them between deliveries: deflated (the generated 10,000-flag
 * document of the benchmarks to 6.8% of its size; text with many random keys deflates less), with
 * their length and a CRC-32C, so that a new delivery can be recognised as the same bytes and the
 * document can be read again for a merge. A copy: the array it was made from is not kept. The
 * deflated bytes are kept in chunks of up to 64 KiB, so that keeping a document allocates little
 * more than what is kept (no growing buffer, no final copy but the last chunk's). Immutable and
 * pure (no threads, no I/O).
 */
final class KeptBytes {
  /** The largest deflated chunk, and the working buffer's size for comparing. */
  private static final int MAX_CHUNK = 64 * 1024;

  private static final int MIN_CHUNK = 256;

  /** The deflated bytes in order; every chunk but the last is full. */
  private final byte[][] chunks;

  private final int length;
  private final int crc;

  private KeptBytes(byte[][] chunks, int length, int crc) {
    this.chunks = chunks;
    this.length = length;
    this.crc = crc;
  }

  /**
   * Deflates a document's bytes at the fastest level: keeping a document costs a few milliseconds
   * per megabyte, and the kept form is read again only when layers are merged.
   *
   * @param bytes the bytes read
   * @return their kept form
   */
  static KeptBytes of(byte[] bytes) {
    // Chunks of about a sixteenth of the input: JSON flag documents deflate to a fraction of their
    // size, so a few chunks hold one, and a small document is not given 64 KiB.
    int size = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, bytes.length / 16));
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(bytes);
      deflater.finish();
      List<byte[]> chunks = new ArrayList<>();
      while (!deflater.finished()) {
        byte[] chunk = new byte[size];
        int n = 0;
        while (n < size && !deflater.finished()) {
          n += deflater.deflate(chunk, n, size - n);
        }
        if (n > 0) {
          chunks.add(n == size ? chunk : Arrays.copyOf(chunk, n));
        }
      }
      return new KeptBytes(chunks.toArray(new byte[0][]), bytes.length, crc(bytes));
    } finally {
      deflater.end();
    }
  }

  private static int crc(byte[] bytes) {
    CRC32C c = new CRC32C();
    c.update(bytes, 0, bytes.length);
    return (int) c.getValue();
  }

  /**
   * The bytes again, inflated as they are read.
   *
   * @return a stream of the original bytes; closing it releases the inflater
   */
  InputStream open() {
    List<InputStream> parts = new ArrayList<>(chunks.length);
    for (byte[] chunk : chunks) {
      parts.add(new ByteArrayInputStream(chunk));
    }
    return new InflaterInputStream(new SequenceInputStream(Collections.enumeration(parts)));
  }

  /**
   * Whether these are the given bytes: same length, same CRC, and then the same bytes, compared a
   * chunk at a time as they inflate.
   *
   * @param bytes bytes just read
   * @return true if the kept bytes are exactly these
   */
  boolean holds(byte[] bytes) {
    if (bytes.length != length || crc(bytes) != crc) {
      return false;
    }
    Inflater inflater = new Inflater();
    try {
      byte[] out = new byte[Math.max(1, Math.min(MAX_CHUNK, length))];
      int next = 0;
      int at = 0;
      while (!inflater.finished()) {
        if (inflater.needsInput() && next < chunks.length) {
          inflater.setInput(chunks[next++]);
        }
        // With all input taken, a call may still have output to give or the end to report.
        int n = inflater.inflate(out);
        if (n == 0 && !inflater.finished()) {
          if (inflater.needsDictionary()) {
            throw new IllegalStateException("kept bytes ask for a dictionary");
          }
          if (inflater.needsInput() && next == chunks.length) {
            throw new IllegalStateException("kept bytes end before their length");
          }
        }
        if (at + n > length || !Arrays.equals(out, 0, n, bytes, at, at + n)) {
          return false;
        }
        at += n;
      }
      return at == length;
    } catch (DataFormatException e) {
      throw new IllegalStateException("kept bytes do not inflate", e);
    } finally {
      inflater.end();
    }
  }

  /**
   * Whether the other kept form was made from the same bytes, as far as a cheap test can tell:
   * true only if so; false when they differ, or (should deflating ever differ for equal input) when
   * it cannot tell.
   *
   * @param other another kept form
   * @return true if both hold the same bytes
   */
  boolean sameAs(KeptBytes other) {
    return length == other.length && crc == other.crc && Arrays.deepEquals(chunks, other.chunks);
  }

  /**
   * The size kept, for tests.
   *
   * @return the deflated length in bytes
   */
  int keptLength() {
    int n = 0;
    for (byte[] chunk : chunks) {
      n += chunk.length;
    }
    return n;
  }
}
