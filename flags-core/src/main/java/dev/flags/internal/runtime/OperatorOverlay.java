package dev.flags.internal.runtime;

import dev.flags.internal.snapshot.CompiledFlag;
import dev.flags.internal.snapshot.Overlay;
import dev.flags.internal.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What operators changed at runtime: flags and tags killed locally, and overrides. Kept by key, so
 * it survives reloads and applies to flags that appear later; {@link #applyTo} lays it over each
 * base snapshot. Pure: no threads, no I/O. Not thread-safe; guarded by the client's lock.
 */
final class OperatorOverlay {
  private final LinkedHashMap<String, String> killedFlags = new LinkedHashMap<>();
  private final LinkedHashMap<String, String> killedTags = new LinkedHashMap<>();
  private final LinkedHashMap<String, List<OverrideSpec>> overrides = new LinkedHashMap<>();

  /** One override: this variant for these keys, or for everyone when {@code keys} is null. */
  private record OverrideSpec(String variant, @Nullable List<String> keys) {}

  /** Kills a flag (again: the reason is replaced). */
  void kill(String flagKey, String reason) {
    killedFlags.put(flagKey, reason);
  }

  /** Kills every flag with this tag. */
  void killTag(String tag, String reason) {
    killedTags.put(tag, reason);
  }

  /** Lifts a flag's kill; true if it was killed. */
  boolean restore(String flagKey) {
    return killedFlags.remove(flagKey) != null;
  }

  /** Lifts a tag's kill; true if it was killed. */
  boolean restoreTag(String tag) {
    return killedTags.remove(tag) != null;
  }

  /**
   * Adds an override. Keyed overrides are tried before the one for everyone; a new override for
   * everyone replaces the previous one. An override of a flag {@code served} lacks is kept,
   * inactive, for a document that has it.
   *
   * @return true if {@code served} has the flag
   * @throws IllegalArgumentException if {@code served} has the flag but not the variant
   */
  boolean override(Snapshot served, String flagKey, String variant, @Nullable List<String> keys) {
    CompiledFlag flag = served.flag(flagKey);
    if (flag == null) {
      // Like a kill of an unknown flag: kept, inactive, for a document that has the flag.
      override(flagKey, variant, keys);
      return false;
    }
    List<String> variants = flag.variantNames();
    if (!variants.contains(variant)) {
      throw new IllegalArgumentException("cannot override flag '"
          + flagKey
          + "' with variant '"
          + variant
          + "': declared variants are "
          + variants);
    }
    override(flagKey, variant, keys);
    return true;
  }

  /** Adds an override whatever the served flags (a test and replay seam). */
  void override(String flagKey, String variant, @Nullable List<String> keys) {
    List<OverrideSpec> list = overrides.computeIfAbsent(flagKey, k -> new ArrayList<>());
    if (keys == null) {
      list.removeIf(o -> o.keys() == null);
      list.add(new OverrideSpec(variant, null));
    } else {
      list.add(0, new OverrideSpec(variant, List.copyOf(keys)));
    }
  }

  /** Removes every override of a flag; true if there was one. */
  boolean clearOverride(String flagKey) {
    return overrides.remove(flagKey) != null;
  }

  /**
   * The base with the kills and overrides that apply to its flags. An override whose flag or
   * variant is absent waits, inactive, for a document that has it.
   */
  Snapshot applyTo(Snapshot base) {
    if (!base.ready() || (killedFlags.isEmpty() && killedTags.isEmpty() && overrides.isEmpty())) {
      return base;
    }
    Overlay overlay = Overlay.on(base);
    if (!killedFlags.isEmpty() || !killedTags.isEmpty()) {
      for (CompiledFlag f : base.flagList()) {
        if (isKilled(f)) {
          overlay.kill(f);
        }
      }
    }
    for (Map.Entry<String, List<OverrideSpec>> e : overrides.entrySet()) {
      CompiledFlag flag = base.flag(e.getKey());
      if (flag != null) {
        for (OverrideSpec o : e.getValue()) {
          overlay.override(flag, o.variant(), o.keys());
        }
      }
    }
    return overlay.apply();
  }

  private boolean isKilled(CompiledFlag f) {
    if (killedFlags.containsKey(f.key())) {
      return true;
    }
    for (String tag : f.tags()) {
      if (killedTags.containsKey(tag)) {
        return true;
      }
    }
    return false;
  }

  /** Locally killed flags with their reasons, in the order they were killed. */
  Map<String, String> killedFlags() {
    return killedFlags;
  }

  /** Locally killed tags with their reasons. */
  Map<String, String> killedTags() {
    return killedTags;
  }

  /** Keys of flags with overrides. */
  List<String> overriddenFlags() {
    return new ArrayList<>(overrides.keySet());
  }

  /** The keys of the flags in {@code s} that carry {@code tag}, sorted. */
  static List<String> flagsWithTag(Snapshot s, String tag) {
    List<String> out = new ArrayList<>();
    for (CompiledFlag f : s.flagList()) {
      if (f.tags().contains(tag)) {
        out.add(f.key());
      }
    }
    out.sort(null);
    return out;
  }
}
