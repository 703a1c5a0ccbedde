package dev.opscenter.worker.stream;

/**
 * One consumer group's readers in this replica, under the name its threads, its line on {@code /health} and its logs
 * carry. Each kind of work (events, notifications) declares one as a bean; {@link ConsumerGroups} runs them all.
 */
public record ConsumerGroup(String name, StreamReaders readers) {}
