package dev.flags.spring.internal;

import dev.flags.ErrorInfo;
import dev.flags.GuardrailTrip;
import dev.flags.HistoryEntry;
import dev.flags.SourceStatus;
import dev.flags.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A client's status as JSON-ready maps, for the health indicator and the endpoint. Holds what
 * {@link Status} holds and nothing else: source names are URLs without query or credentials,
 * error messages never carry header values, so nothing here is a secret.
 */
public final class StatusView {
  private StatusView() {}

  /**
   * The status as a map: state, version, pin, last update and error, sources, kills, overrides
   * and guardrail trips. Empty parts are left out.
   *
   * @param status the status
   * @return an ordered map of JSON-ready values
   */
  public static Map<String, Object> of(Status status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", status.state().name());
    m.put("version", status.version());
    putIfSet(m, "pinnedVersion", status.pinnedVersion());
    putIfSet(m, "lastUpdate", time(status.lastUpdate()));
    ErrorInfo error = status.lastError();
    if (error != null) {
      m.put("lastError", error(error));
    }
    List<Map<String, Object>> sources = new ArrayList<>();
    for (SourceStatus s : status.sources()) {
      sources.add(source(s));
    }
    m.put("sources", sources);
    if (!status.killedFlags().isEmpty()) {
      m.put("killedFlags", new TreeMap<>(status.killedFlags()));
    }
    if (!status.killedTags().isEmpty()) {
      m.put("killedTags", new TreeMap<>(status.killedTags()));
    }
    if (!status.overriddenFlags().isEmpty()) {
      m.put("overriddenFlags", status.overriddenFlags().stream().sorted().toList());
    }
    if (!status.guardrailTrips().isEmpty()) {
      Map<String, String> trips = new TreeMap<>();
      for (Map.Entry<String, GuardrailTrip> t : status.guardrailTrips().entrySet()) {
        trips.put(t.getKey(), t.getValue().description());
      }
      m.put("guardrailTrips", trips);
    }
    return m;
  }

  /**
   * One history entry as a map.
   *
   * @param e the entry
   * @return version, source, loadedAt and summary
   */
  public static Map<String, Object> history(HistoryEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", e.version());
    m.put("source", e.source());
    m.put("loadedAt", e.loadedAt().toString());
    m.put("summary", e.summary());
    return m;
  }

  private static Map<String, Object> source(SourceStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("state", s.state().name());
    putIfSet(m, "version", s.version());
    putIfSet(m, "lastUpdate", time(s.lastUpdate()));
    putIfSet(m, "detail", s.detail());
    ErrorInfo error = s.lastError();
    if (error != null) {
      m.put("lastError", error(error));
    }
    return m;
  }

  private static Map<String, Object> error(ErrorInfo e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", e.kind().name());
    if (e.statusCode() != 0) {
      m.put("statusCode", e.statusCode());
    }
    m.put("message", e.message());
    m.put("time", e.time().toString());
    if (e.needsOperator()) {
      m.put("needsOperator", true);
    }
    return m;
  }

  private static @Nullable String time(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }

  private static void putIfSet(Map<String, Object> m, String key, @Nullable Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
