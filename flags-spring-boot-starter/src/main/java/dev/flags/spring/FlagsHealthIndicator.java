package dev.flags.spring;

import dev.flags.Flags;
import dev.flags.Status.State;
import dev.flags.spring.internal.StatusView;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The client's health, from its {@link Flags#status() status}:
 *
 * <table>
 *   <caption>Client state to health status</caption>
 *   <tr><th>client state</th><th>health</th></tr>
 *   <tr><td>READY</td><td>UP</td></tr>
 *   <tr><td>STALE (serving; a source is failing or served a fallback)</td>
 *       <td>{@code flags.health.stale-status}, UP by default</td></tr>
 *   <tr><td>INITIALIZING (no document yet), ERROR (nothing served, a source failed),
 *       CLOSED</td><td>DOWN</td></tr>
 * </table>
 *
 * <p>Details list the state, the served and pinned versions, each source (name, state, version,
 * last update and error), kills, overrides and guardrail trips. Source names are URLs without
 * query or credentials, and header values appear nowhere.
 *
 * @since 0.1.0
 */
public final class FlagsHealthIndicator implements HealthIndicator {
  private final Flags flags;
  private final Status staleStatus;

  /**
   * An indicator for a client.
   *
   * @param flags the client
   * @param staleStatus the status reported while the client is STALE
   */
  public FlagsHealthIndicator(Flags flags, Status staleStatus) {
    this.flags = Objects.requireNonNull(flags, "flags");
    this.staleStatus = Objects.requireNonNull(staleStatus, "staleStatus");
  }

  @Override
  public Health health() {
    dev.flags.Status status = flags.status();
    return Health.status(status(status.state()))
        .withDetails(StatusView.of(status))
        .build();
  }

  private Status status(State state) {
    return switch (state) {
      case READY -> Status.UP;
      case STALE -> staleStatus;
      case INITIALIZING, ERROR, CLOSED -> Status.DOWN;
    };
  }
}
