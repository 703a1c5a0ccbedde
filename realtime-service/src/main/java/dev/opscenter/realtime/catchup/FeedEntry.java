package dev.opscenter.realtime.catchup;

/**
 * FeedEntry is one entry of the feed stream.
 *
 * @param json the live message exactly as the worker wrote it, to be forwarded unchanged
 */
public record FeedEntry(FeedId id, String json) {}
