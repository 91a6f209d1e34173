/**
 * Implementation of the HTTP source, not exported: the poll loop ({@link
 * dev.flags.http.internal.Poller}), one request and what it produced ({@link
 * dev.flags.http.internal.Fetcher}, {@link dev.flags.http.internal.FetchResult}), which redirects
 * are followed and with which headers ({@link dev.flags.http.internal.Redirects}), what a status
 * code means ({@link dev.flags.http.internal.HttpStatusPolicy}), which document is held ({@link
 * dev.flags.http.internal.DocumentIdentity}), the counters ({@link
 * dev.flags.http.internal.PollStats}), what a poll came to ({@link
 * dev.flags.http.internal.PollReporter}), delays ({@link dev.flags.http.internal.Backoff}), the
 * last-known-good cache ({@link dev.flags.http.internal.LastKnownGood}), body reading and the HTTP
 * client. Push notifications, put together by {@link dev.flags.http.internal.Notifications}: the
 * stream's loop ({@link dev.flags.http.internal.NotificationStream}), its opening ({@link
 * dev.flags.http.internal.StreamOpener}) and body ({@link dev.flags.http.internal.StreamBody}), the
 * Server-Sent Events parser ({@link dev.flags.http.internal.SseLines}, {@link
 * dev.flags.http.internal.SseParser}), reconnection delays ({@link
 * dev.flags.http.internal.ReconnectBackoff}), the stream's counters ({@link
 * dev.flags.http.internal.NotificationStats}) and what the source does with it ({@link
 * dev.flags.http.internal.NotifyThenFetch}).
 */
@NullMarked
package dev.flags.http.internal;

import org.jspecify.annotations.NullMarked;
