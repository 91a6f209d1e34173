package dev.flags.spring.internal;

import dev.flags.Flags;
import dev.flags.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator endpoint's write operations: each runs one client method, answers what changed,
 * and writes one audit line on {@code dev.flags.audit} naming the operator (the client writes its
 * own line for the change as well).
 */
public final class OperatorActions {
  /** The actions, as they appear in {@code POST /actuator/flags/{action}}. */
  public static final List<String> ACTIONS = List.of(
      "kill",
      "restore",
      "kill-tag",
      "restore-tag",
      "override",
      "clear-override",
      "rollback",
      "unpin");

  private static final Logger AUDIT = LoggerFactory.getLogger("dev.flags.audit");

  private final Flags flags;

  /**
   * Actions on a client.
   *
   * @param flags the client
   */
  public OperatorActions(Flags flags) {
    this.flags = flags;
  }

  /**
   * An HTTP status and a JSON-ready body.
   *
   * @param status the HTTP status
   * @param body the body
   */
  public record Result(int status, Map<String, Object> body) {}

  /** The arguments of a write, as the request gave them. */
  @SuppressWarnings("MissingSummary") // a record's components are documented by their names
  public record Arguments(
      @Nullable String flag,
      @Nullable String tag,
      @Nullable String variant,
      @Nullable List<String> keys,
      @Nullable String reason,
      @Nullable String version) {}

  /**
   * Refuses a write because writes are off, and audits the attempt.
   *
   * @param action the action asked for
   * @param operator who asked
   * @return 403 with the reason
   */
  public Result refuse(String action, String operator) {
    AUDIT.warn(
        "actuator action={} by={} refused: flags.endpoint.writes-enabled is false",
        action,
        operator);
    return error(
        403,
        "write operations are off: set flags.endpoint.writes-enabled=true, after securing"
            + " /actuator/flags");
  }

  /**
   * Runs an action.
   *
   * @param action one of {@link #ACTIONS}
   * @param a the arguments
   * @param operator who asked (the principal's name, or {@code anonymous})
   * @return 200 with what changed, or 400/409 with why nothing did
   */
  public Result run(String action, Arguments a, String operator) {
    Status before = flags.status();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("action", action);
    boolean changed;
    try {
      changed = switch (action) {
        case "kill" -> {
          String flag = require(a.flag(), "kill", "flag");
          String reason = reason(a.reason(), operator);
          body.put("flag", flag);
          body.put("reason", reason);
          // false: the served document lacks the flag (a typo?); the kill waits for it.
          body.put("served", flags.kill(flag, reason));
          yield !before.killedFlags().containsKey(flag);
        }
        case "restore" -> {
          String flag = require(a.flag(), "restore", "flag");
          body.put("flag", flag);
          yield flags.restore(flag);
        }
        case "kill-tag" -> {
          String tag = require(a.tag(), "kill-tag", "tag");
          String reason = reason(a.reason(), operator);
          body.put("tag", tag);
          body.put("reason", reason);
          body.put("flags", flags.killTag(tag, reason));
          yield !before.killedTags().containsKey(tag);
        }
        case "restore-tag" -> {
          String tag = require(a.tag(), "restore-tag", "tag");
          body.put("tag", tag);
          yield flags.restoreTag(tag);
        }
        case "override" -> {
          String flag = require(a.flag(), "override", "flag");
          String variant = require(a.variant(), "override", "variant");
          List<String> keys = a.keys();
          boolean served =
              keys == null ? flags.override(flag, variant) : flags.override(flag, variant, keys);
          body.put("flag", flag);
          body.put("variant", variant);
          body.put("keys", keys == null ? "all" : keys);
          body.put("served", served);
          yield true;
        }
        case "clear-override" -> {
          String flag = require(a.flag(), "clear-override", "flag");
          body.put("flag", flag);
          yield flags.clearOverride(flag);
        }
        case "rollback" -> {
          String version = a.version();
          body.put("from", before.version());
          body.put("to", version == null ? flags.rollback() : flags.rollbackTo(version));
          yield true;
        }
        case "unpin" -> flags.unpin();
        default ->
          throw new BadRequest(
              "unknown action '" + action + "'; the actions are " + String.join(", ", ACTIONS));
      };
    } catch (BadRequest | IllegalArgumentException e) {
      return failed(400, action, a, operator, String.valueOf(e.getMessage()));
    } catch (IllegalStateException e) {
      return failed(409, action, a, operator, String.valueOf(e.getMessage()));
    }
    Status after = flags.status();
    body.put("changed", changed);
    body.put("version", after.version());
    if (after.pinnedVersion() != null) {
      body.put("pinnedVersion", after.pinnedVersion());
    }
    body.put("operator", operator);
    AUDIT.warn(
        "actuator action={} by={} {}changed={} version={}",
        action,
        operator,
        args(a),
        changed,
        after.version());
    return new Result(200, body);
  }

  private Result failed(int status, String action, Arguments a, String operator, String why) {
    AUDIT.warn("actuator action={} by={} {}failed: {}", action, operator, args(a), why);
    return error(status, why);
  }

  private static Result error(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    return new Result(status, body);
  }

  private static String args(Arguments a) {
    StringBuilder s = new StringBuilder();
    append(s, "flag", a.flag());
    append(s, "tag", a.tag());
    append(s, "variant", a.variant());
    append(s, "keys", a.keys());
    append(s, "version", a.version());
    if (a.reason() != null) {
      s.append("reason=\"").append(a.reason()).append("\" ");
    }
    return s.toString();
  }

  private static void append(StringBuilder s, String name, @Nullable Object value) {
    if (value != null) {
      s.append(name).append('=').append(value).append(' ');
    }
  }

  private static String reason(@Nullable String reason, String operator) {
    String given = reason == null || reason.isBlank() ? "no reason given" : reason;
    return given + " (by " + operator + " via /actuator/flags)";
  }

  private static String require(@Nullable String value, String action, String name) {
    if (value == null || value.isBlank()) {
      throw new BadRequest(action + " needs '" + name + "' in the request body");
    }
    return value;
  }

  /** A request the endpoint cannot run as given. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message, null, false, false);
    }
  }
}
