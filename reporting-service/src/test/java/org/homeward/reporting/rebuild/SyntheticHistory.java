package org.homeward.reporting.rebuild;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventCodec;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.Topics;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.PersonEvent.IdentityConfirmed;
import org.homeward.events.intake.PersonEvent.PersonRegistered;
import org.homeward.events.intake.RiskFlag;
import org.homeward.events.intake.RiskFlagEvent.RiskFlagSet;
import org.homeward.events.intake.Sex;
import org.homeward.events.intake.StationEvent.StationRegistered;
import org.homeward.events.intake.StayEvent.EntrustedCareEnded;
import org.homeward.events.intake.StayEvent.EntrustedCareStarted;
import org.homeward.events.intake.StayEvent.HospitalisationEnded;
import org.homeward.events.intake.StayEvent.HospitalisationStarted;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.NoticeMedium;
import org.homeward.events.search.SearchCaseEvent.FamilyFound;
import org.homeward.events.search.SearchCaseEvent.NoticePublished;

/**
 * A seeded station history as the services publish it (envelopes on the three topics, keyed by
 * stream, versions counting per stream): stations, people registered and admitted, hospital and
 * entrusted-care episodes, flags, identities, notices, families found, discharges. About 9 events
 * per person.
 */
final class SyntheticHistory {
    private final Random random;
    private final EventCodec codec = new EventCodec();
    private final Map<String, Long> versions = new HashMap<>();
    private final List<ProducerRecord<String, String>> records = new ArrayList<>();
    private final Consumer<ProducerRecord<String, String>> sink;
    private final String prefix;

    /** Collects the records: {@link #generate} returns them. */
    SyntheticHistory(long seed, String prefix) {
        this(new Random(seed), prefix, null);
    }

    /** Hands each record to {@code sink} as it is made (a national history does not fit in memory as a list). */
    SyntheticHistory(Random random, String prefix, Consumer<ProducerRecord<String, String>> sink) {
        this.random = random;
        this.prefix = prefix;
        this.sink = sink == null ? records::add : sink;
    }

    /** {@code people} people over {@code stations} stations. */
    List<ProducerRecord<String, String>> generate(int stations, int people) {
        String tag = Long.toHexString(random.nextLong());
        OffsetDateTime start = OffsetDateTime.of(2016, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8));
        List<String> stationIds = new ArrayList<>();
        for (int s = 0; s < stations; s++) {
            String station = "syn-" + tag + "-" + s;
            stationIds.add(station);
            add(
                    Topics.INTAKE,
                    "station",
                    station,
                    new StationRegistered(station, "站" + s, 100_000L + s, BigDecimal.valueOf(50 + s)),
                    start);
        }
        for (int i = 0; i < people; i++) {
            UUID person = uuid();
            UUID stay = uuid();
            String station = stationIds.get(random.nextInt(stationIds.size()));
            OffsetDateTime admitted = start.plusMinutes(random.nextInt(5 * 365 * 24 * 60));
            String p = person.toString();
            String st = stay.toString();
            add(
                    Topics.INTAKE,
                    "person",
                    p,
                    new PersonRegistered(
                            person,
                            random.nextBoolean() ? "名" + i : null,
                            Sex.values()[random.nextInt(3)],
                            10 + random.nextInt(75),
                            false,
                            null,
                            null),
                    admitted);
            add(
                    Topics.INTAKE,
                    "stay",
                    st,
                    new PersonAdmitted(
                            stay,
                            person,
                            station,
                            ArrivalChannel.values()[random.nextInt(ArrivalChannel.values().length)],
                            null,
                            false),
                    admitted);
            OffsetDateTime at = admitted.plusHours(1 + random.nextInt(72));
            if (random.nextInt(10) == 0) {
                UUID h = uuid();
                add(Topics.INTAKE, "stay", st, new HospitalisationStarted(stay, h, "医院"), at);
                at = at.plusDays(1 + random.nextInt(10));
                add(Topics.INTAKE, "stay", st, new HospitalisationEnded(stay, h), at);
            }
            if (random.nextInt(8) == 0) {
                UUID care = uuid();
                add(Topics.INTAKE, "stay", st, new EntrustedCareStarted(stay, care, "托养院"), at);
                at = at.plusDays(10 + random.nextInt(100));
                add(Topics.INTAKE, "stay", st, new EntrustedCareEnded(stay, care), at);
            }
            if (random.nextInt(6) == 0) {
                add(Topics.INTAKE, "person", p, new RiskFlagSet(person, RiskFlag.MENTAL_DISORDER, "观察"), at);
            }
            UUID searchCase = uuid();
            add(
                    Topics.SEARCH,
                    "search-case",
                    searchCase.toString(),
                    new NoticePublished(
                            searchCase,
                            person,
                            uuid(),
                            NoticeMedium.values()[random.nextInt(NoticeMedium.values().length)]),
                    at.plusDays(2));
            boolean found = random.nextInt(10) < 7;
            if (found) {
                add(Topics.INTAKE, "person", p, new IdentityConfirmed(person, "王" + i, "湖南邵阳"), at.plusDays(3));
                LeadChannel channel = LeadChannel.values()[random.nextInt(LeadChannel.values().length)];
                add(
                        Topics.SEARCH,
                        "search-case",
                        searchCase.toString(),
                        new FamilyFound(searchCase, person, uuid(), channel, null, channel, "staff-1", null),
                        at.plusDays(4));
            }
            add(
                    Topics.INTAKE,
                    "stay",
                    st,
                    new PersonDischarged(
                            stay,
                            person,
                            station,
                            found
                                    ? ExitType.FAMILY_PICKUP
                                    : ExitType.values()[random.nextInt(ExitType.values().length)]),
                    at.plusDays(5));
        }
        return records;
    }

    UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private void add(String topic, String streamType, String streamId, DomainEvent payload, OffsetDateTime at) {
        add(topic, streamType, streamId, payload, at, at.plusMinutes(5));
    }

    /** One event of a stream, at the stream's next version, happened at {@code at} and recorded at {@code recorded}. */
    void add(
            String topic,
            String streamType,
            String streamId,
            DomainEvent payload,
            OffsetDateTime at,
            OffsetDateTime recorded) {
        long version = versions.merge(streamType + "/" + streamId, 1L, Long::sum);
        EventEnvelope envelope = new EventEnvelope(
                uuid(),
                EventTypes.nameOf(payload),
                EventTypes.currentVersion(payload.getClass()),
                streamType,
                streamId,
                version,
                at,
                recorded,
                Actor.SYSTEM,
                null,
                null,
                payload);
        String topicName = prefix + topic.substring(topic.indexOf('.'));
        sink.accept(new ProducerRecord<>(topicName, streamId, codec.envelopeJson(envelope)));
    }

    /** A stream that will have no more events: its version counter is dropped (memory, on a national history). */
    void forget(String streamType, String streamId) {
        versions.remove(streamType + "/" + streamId);
    }

    /** Sends the records with one producer, all acknowledged on return. */
    static void publish(String bootstrapServers, List<ProducerRecord<String, String>> records) {
        try (Publisher publisher = new Publisher(bootstrapServers)) {
            records.forEach(publisher);
        }
    }

    /** One producer sending records as they come; closing flushes and fails if any send failed. */
    static final class Publisher implements Consumer<ProducerRecord<String, String>>, AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private long sent;

        Publisher(String bootstrapServers) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            this.producer = new KafkaProducer<>(p);
        }

        @Override
        public void accept(ProducerRecord<String, String> record) {
            if (failure.get() != null) {
                throw new IllegalStateException("Could not publish the synthetic history", failure.get());
            }
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
            sent++;
        }

        long sent() {
            return sent;
        }

        @Override
        public void close() {
            producer.flush();
            producer.close();
            if (failure.get() != null) {
                throw new IllegalStateException("Could not publish the synthetic history", failure.get());
            }
        }
    }
}
