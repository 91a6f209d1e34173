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
 * client.
 */
@NullMarked
package dev.flags.http.internal;

import org.jspecify.annotations.NullMarked;
