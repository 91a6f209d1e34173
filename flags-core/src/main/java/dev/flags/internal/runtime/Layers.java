package dev.flags.internal.runtime;

import dev.flags.ErrorInfo;
import dev.flags.Status;
import dev.flags.internal.document.ParsedDocument;
import dev.flags.spi.FlagSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A client's layers, lowest precedence first, and the questions asked about all of them at once.
 * Pure: no threads, no I/O. Not thread-safe; guarded by the client's lock.
 */
final class Layers implements Iterable<SourceLayer> {
  private final List<SourceLayer> layers;
  /** The client's own empty layer, when the builder added it: it never makes a client ready. */
  private final @Nullable FlagSource implicit;

  /**
   * Layers for these sources.
   *
   * @param sources the sources, lowest precedence first
   * @param implicit the builder's own empty layer among them, or null
   */
  Layers(List<FlagSource> sources, @Nullable FlagSource implicit) {
    List<SourceLayer> l = new ArrayList<>(sources.size());
    for (int i = 0; i < sources.size(); i++) {
      l.add(new SourceLayer(i, sources.get(i)));
    }
    this.layers = List.copyOf(l);
    this.implicit = implicit;
  }

  @Override
  public Iterator<SourceLayer> iterator() {
    return layers.iterator();
  }

  /** The layers as a list, lowest precedence first. */
  List<SourceLayer> asList() {
    return layers;
  }

  /**
   * The layers that {@code status()} lists: all of them, but the client's own empty layer only
   * once {@code load(...)} has given it a document (or a rejected one).
   */
  List<SourceLayer> listed() {
    List<SourceLayer> out = new ArrayList<>(layers.size());
    for (SourceLayer l : layers) {
      if (l.source != implicit || l.document() != null || l.lastError() != null) {
        out.add(l);
      }
    }
    return out;
  }

  int size() {
    return layers.size();
  }

  /** The layer of {@code source}, or null if it is not one of this client's. */
  @Nullable
  SourceLayer of(FlagSource source) {
    for (SourceLayer l : layers) {
      if (l.source == source) {
        return l;
      }
    }
    return null;
  }

  /** Every layer's document, with {@code candidate} in place of {@code layer}'s. */
  List<ParsedDocument> documentsWith(SourceLayer layer, @Nullable ParsedDocument candidate) {
    List<ParsedDocument> docs = new ArrayList<>(layers.size());
    for (SourceLayer l : layers) {
      ParsedDocument d = l == layer ? candidate : l.document();
      if (d != null) {
        docs.add(d);
      }
    }
    return docs;
  }

  /**
   * Whether no layer can make the client ready any more: every source's last word was an error
   * after which it stopped (see {@link dev.flags.ErrorInfo#terminal()}). The client's own empty
   * layer is left out; it never makes a client ready.
   */
  boolean allFailedTerminally() {
    boolean any = false;
    for (SourceLayer l : layers) {
      if (l.source == implicit) {
        continue;
      }
      ErrorInfo e = l.lastError();
      if (l.document() != null || e == null || !e.isTerminal()) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /** Whether a layer other than {@code layer} has a document. */
  boolean othersHaveDocuments(SourceLayer layer) {
    for (SourceLayer l : layers) {
      if (l != layer && l.document() != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether every source answered and none has a document (say, only an absent optional file):
   * true when at least one real source exists and each is READY with no document.
   */
  boolean allAnsweredEmpty() {
    boolean any = false;
    for (SourceLayer l : layers) {
      if (l.source == implicit) {
        continue;
      }
      any = true;
      if (l.document() != null || !l.isCleared() || l.state() != Status.State.READY) {
        return false;
      }
    }
    return any;
  }
}
