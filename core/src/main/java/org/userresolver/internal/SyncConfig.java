package org.userresolver.internal;

import java.time.Duration;
import java.time.Instant;
import org.userresolver.UserResolver;
import org.userresolver.UserStore;
import org.userresolver.UserSync;

/**
 * Everything one sync run is made of: the provider and store (with their names for messages),
 * how ids are normalised, the batch size and concurrency, what to list, whether to write, and
 * the patience for rate limits and retries.
 *
 * @param provider the identity provider, which must have a directory
 * @param providerName its name, for messages
 * @param store the store
 * @param storeName its name, for messages
 * @param lowerCaseIds whether ids are lower-cased, as the chain does
 * @param batchSize users per store round trip
 * @param concurrency batches processed at once
 * @param dryRun read and compare, write nothing
 * @param limit the most entries to list, or -1 for all
 * @param since list only users updated after this time, or {@code null} for all
 * @param deactivate which stored users the provider no longer lists are deactivated, or
 *     {@code null} for none
 * @param maxWait the longest the whole sync waits for rate limits and retries, in all
 * @param storeAttempts attempts per store call, the first included
 * @param storeBackoff the wait before the first store retry; doubles each retry
 */
public record SyncConfig(UserResolver provider, String providerName, UserStore store,
    String storeName, boolean lowerCaseIds, int batchSize, int concurrency, boolean dryRun,
    long limit, Instant since, UserSync.Scope deactivate, Duration maxWait, int storeAttempts,
    Duration storeBackoff) {}
