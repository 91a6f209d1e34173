package dev.flags.spring;

import dev.flags.FlagInfo;
import dev.flags.Flags;
import dev.flags.Guardrail;
import dev.flags.HistoryEntry;
import dev.flags.Status;
import dev.flags.spring.internal.OperatorActions;
import dev.flags.spring.internal.StatusView;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * The operator endpoint, {@code /actuator/flags}, over HTTP only.
 *
 * <ul>
 *   <li>{@code GET /actuator/flags}: the status (state, versions, sources, kills, overrides,
 *       pin), every served flag and the history.
 *   <li>{@code GET /actuator/flags/{flag}}: one flag (404 if not served).
 *   <li>{@code POST /actuator/flags/{action}} with a JSON body: {@code kill} ({@code flag},
 *       {@code reason}), {@code restore} ({@code flag}), {@code kill-tag} ({@code tag}, {@code
 *       reason}), {@code restore-tag} ({@code tag}), {@code override} ({@code flag}, {@code
 *       variant}, optional {@code keys}: context keys separated by commas), {@code clear-override} ({@code flag}), {@code rollback}
 *       (optional {@code version}), {@code unpin}. Each answers what changed and writes an audit
 *       line naming the caller; refused (403) unless {@code flags.endpoint.writes-enabled=true}.
 * </ul>
 *
 * <p>Expose it with {@code management.endpoints.web.exposure.include=health,flags}; secure it
 * like any Actuator endpoint (Spring Security sees these as ordinary requests).
 *
 * @since 0.1.0
 */
@WebEndpoint(id = "flags")
public final class FlagsEndpoint {
  private final Flags flags;
  private final boolean writesEnabled;
  private final OperatorActions actions;

  /**
   * An endpoint for a client.
   *
   * @param flags the client
   * @param writesEnabled whether write operations run
   */
  public FlagsEndpoint(Flags flags, boolean writesEnabled) {
    this.flags = Objects.requireNonNull(flags, "flags");
    this.writesEnabled = writesEnabled;
    this.actions = new OperatorActions(flags);
  }

  /**
   * The status, the served flags and the history.
   *
   * @return {@code status}, {@code flags} (by key), {@code history} (newest first) and {@code
   *     writesEnabled}
   */
  @ReadOperation
  public Map<String, Object> report() {
    Status status = flags.status();
    Map<String, Object> flagViews = new LinkedHashMap<>();
    for (String key : new TreeSet<>(flags.flagKeys())) {
      FlagInfo info = flags.flagInfo(key);
      if (info != null) {
        flagViews.put(key, flag(info, status));
      }
    }
    List<Map<String, Object>> history = new ArrayList<>();
    for (HistoryEntry e : flags.history()) {
      history.add(StatusView.history(e));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", StatusView.of(status));
    m.put("flags", flagViews);
    m.put("history", history);
    m.put("writesEnabled", writesEnabled);
    return m;
  }

  /**
   * One served flag.
   *
   * @param flag the flag key
   * @return its description, owner, tags, variants, kill and override state; null (404) if the
   *     served document has no such flag
   */
  @ReadOperation
  public @Nullable Map<String, Object> flag(@Selector String flag) {
    FlagInfo info = flags.flagInfo(flag);
    return info == null ? null : flag(info, flags.status());
  }

  /**
   * Runs an operator action (see the class description).
   *
   * @param action the action
   * @param flag the flag key
   * @param tag the tag
   * @param variant the variant to override with
   * @param keys the context keys an override is for, separated by commas (everyone when absent):
   *     Actuator reads request fields as strings
   * @param reason why (kills)
   * @param version the version to roll back to (the previous one when absent)
   * @param security the caller
   * @return 200 with what changed; 400, 403 or 409 with an {@code error}
   */
  @WriteOperation
  public WebEndpointResponse<Map<String, Object>> write(
      @Selector String action,
      @Nullable String flag,
      @Nullable String tag,
      @Nullable String variant,
      @Nullable String keys,
      @Nullable String reason,
      @Nullable String version,
      SecurityContext security) {
    Principal principal = security.getPrincipal();
    String operator = principal == null ? "anonymous" : principal.getName();
    OperatorActions.Result r = writesEnabled
        ? actions.run(
            action,
            new OperatorActions.Arguments(flag, tag, variant, keyList(keys), reason, version),
            operator)
        : actions.refuse(action, operator);
    return new WebEndpointResponse<>(r.body(), r.status());
  }

  private static @Nullable List<String> keyList(@Nullable String keys) {
    if (keys == null) {
      return null;
    }
    List<String> list = new ArrayList<>();
    for (String k : keys.split(",", -1)) {
      if (!k.isBlank()) {
        list.add(k.strip());
      }
    }
    return list;
  }

  private static Map<String, Object> flag(FlagInfo info, Status status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", info.key());
    if (!info.description().isEmpty()) {
      m.put("description", info.description());
    }
    if (!info.owner().isEmpty()) {
      m.put("owner", info.owner());
    }
    m.put("tags", info.tags());
    m.put("enabled", info.enabled());
    m.put("variants", info.variants());
    m.put("offVariant", info.offVariant());
    m.put("killed", info.killed());
    m.put("overridden", status.overriddenFlags().contains(info.key()));
    Guardrail g = info.guardrail();
    if (g != null) {
      m.put("guardrail", g.toString());
    }
    return m;
  }
}
