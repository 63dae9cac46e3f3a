package org.homeward.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/** The Kafka channels this service consumes, as its configuration declares them, and their consumer beans. */
@ApplicationScoped
public class ConsumedChannels {
    public record Channel(String name, String topic, String groupId, String deadLetterTopic) {}

    private static final String PREFIX = "mp.messaging.incoming.";
    private final List<Channel> channels = new ArrayList<>();
    private final Instance<RecordConsumer> consumers;
    private final String bootstrapServers;

    public ConsumedChannels(Config config, Instance<RecordConsumer> consumers) {
        this.consumers = consumers;
        this.bootstrapServers =
                config.getOptionalValue("kafka.bootstrap.servers", String.class).orElse("127.0.0.1:9092");
        TreeSet<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(PREFIX) && property.endsWith(".connector")) {
                names.add(property.substring(PREFIX.length(), property.length() - ".connector".length()));
            }
        }
        for (String name : names) {
            if (!"smallrye-kafka"
                    .equals(config.getOptionalValue(PREFIX + name + ".connector", String.class)
                            .orElse(""))) {
                continue;
            }
            channels.add(new Channel(
                    name,
                    config.getOptionalValue(PREFIX + name + ".topic", String.class)
                            .orElse(name),
                    config.getOptionalValue(PREFIX + name + ".group.id", String.class)
                            .orElse(name),
                    config.getOptionalValue(PREFIX + name + ".dead-letter-queue.topic", String.class)
                            .orElse(null)));
        }
    }

    public List<Channel> all() {
        return channels;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public List<String> deadLetterTopics() {
        return channels.stream()
                .map(Channel::deadLetterTopic)
                .filter(t -> t != null)
                .distinct()
                .sorted()
                .toList();
    }

    public Optional<Channel> byTopic(String topic) {
        return channels.stream().filter(c -> c.topic().equals(topic)).findFirst();
    }

    public Optional<RecordConsumer> consumerOf(String channel) {
        return consumers.stream().filter(c -> c.channels().contains(channel)).findFirst();
    }
}
