package dev.flags.internal.snapshot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Lays an operator's runtime state (local kills and overrides) over a base snapshot, as arrays
 * indexed by flag: the result shares the base, so a kill costs one array and one volatile write.
 * Not thread-safe; used under the client's lock.
 */
public final class Overlay {
  private final Snapshot base;
  private boolean @Nullable [] killed;
  private @Nullable List<List<LocalOverride>> overrides;

  private Overlay(Snapshot base) {
    this.base = base;
  }

  /**
   * Starts an overlay with no kills and no overrides.
   *
   * @param base the snapshot compiled from a document
   * @return the overlay
   */
  public static Overlay on(Snapshot base) {
    return new Overlay(base);
  }

  /**
   * Kills a flag: it serves its off-variant with reason KILLED.
   *
   * @param flag a flag of the base snapshot
   */
  public void kill(CompiledFlag flag) {
    boolean[] k = killed;
    if (k == null) {
      k = new boolean[base.size()];
      killed = k;
    }
    k[flag.index] = true;
  }

  /**
   * Adds an override of a flag, after the ones added before (the first that applies wins).
   *
   * @param flag a flag of the base snapshot
   * @param variant the variant to serve
   * @param keys the context keys it applies to, or null for everyone
   * @return false if the flag has no such variant (nothing is added)
   */
  public boolean override(CompiledFlag flag, String variant, @Nullable Collection<String> keys) {
    int v = flag.variantIndex(variant);
    if (v < 0) {
      return false;
    }
    List<List<LocalOverride>> o = overrides;
    if (o == null) {
      o = new ArrayList<>(base.size());
      for (int i = 0; i < base.size(); i++) {
        o.add(null);
      }
      overrides = o;
    }
    List<LocalOverride> forFlag = o.get(flag.index);
    if (forFlag == null) {
      forFlag = new ArrayList<>();
      o.set(flag.index, forFlag);
    }
    forFlag.add(
        new LocalOverride(keys == null ? null : StringSet.of(keys, false), flag.overrideResult(v)));
    return true;
  }

  /**
   * The base with this overlay; the base itself when there is nothing to lay over it.
   *
   * @return the snapshot to publish
   */
  public Snapshot apply() {
    LocalOverride[][] byFlag = null;
    List<List<LocalOverride>> o = overrides;
    if (o != null) {
      byFlag = new LocalOverride[o.size()][];
      for (int i = 0; i < byFlag.length; i++) {
        List<LocalOverride> forFlag = o.get(i);
        byFlag[i] = forFlag == null ? null : forFlag.toArray(new LocalOverride[0]);
      }
    }
    return base.withOverlay(killed, byFlag);
  }
}
