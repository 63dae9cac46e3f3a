package org.homeward.outreach.partnerwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.homeward.domain.DomainException;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.Actor;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventEnvelope;
import org.homeward.events.EventTypes;
import org.homeward.events.outreach.PartnerWorkEvent.AgreementSigned;
import org.homeward.events.outreach.PartnerWorkEvent.SupportGiven;
import org.homeward.events.outreach.PublicityKind;
import org.homeward.events.outreach.SupportKind;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.HomewardException;
import org.junit.jupiter.api.Test;

/** Given these events, when this command, then these events (or this refusal). */
class PartnerWorkTest {
    static final OffsetDateTime MARCH_1 = OffsetDateTime.of(2018, 3, 1, 10, 0, 0, 0, ZoneOffset.ofHours(8));
    static final LocalDate JAN_1 = LocalDate.of(2018, 1, 1);
    final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void an_agreement_with_a_station_names_its_term_and_shares_patient_information_only_under_consent() {
        List<NewEvent> signed = work().signAgreement(
                        UUID.randomUUID(),
                        "dongguan",
                        List.of("东莞市救助管理站", "让爱回家"),
                        JAN_1,
                        JAN_1.plusYears(1),
                        List.of("街面流浪人员活动线索"),
                        List.of("医院收治流浪病人情况"),
                        "受助人员或其监护人书面同意",
                        MARCH_1);
        assertThat(signed)
                .extracting(NewEvent::payload)
                .singleElement()
                .isInstanceOfSatisfying(AgreementSigned.class, a -> {
                    assertThat(a.partnerId()).isEqualTo("rangaihuijia");
                    assertThat(a.validUntil()).isEqualTo(LocalDate.of(2019, 1, 1));
                });

        refused(
                () -> work().signAgreement(
                                UUID.randomUUID(),
                                "dongguan",
                                List.of("站"),
                                JAN_1,
                                JAN_1,
                                List.of("线索"),
                                List.of(),
                                null,
                                MARCH_1),
                400,
                "validUntil");
        refused(
                () -> work().signAgreement(
                                UUID.randomUUID(),
                                "dongguan",
                                List.of("站"),
                                JAN_1,
                                null,
                                List.of(),
                                List.of("病情"),
                                " ",
                                MARCH_1),
                400,
                "consent");
        refused(
                () -> work().signAgreement(
                                UUID.randomUUID(),
                                "dongguan",
                                List.of("站"),
                                JAN_1,
                                null,
                                List.of(),
                                List.of(),
                                null,
                                MARCH_1),
                400,
                "cluesShared");
    }

    @Test
    void one_agreement_with_a_station_at_a_time_and_the_next_may_follow_it() {
        given(new AgreementSigned(
                "rangaihuijia",
                UUID.randomUUID(),
                "dongguan",
                List.of("站", "让爱回家"),
                JAN_1,
                JAN_1.plusYears(1),
                List.of("线索"),
                List.of(),
                null));

        assertThatThrownBy(() -> work().signAgreement(
                                UUID.randomUUID(),
                                "dongguan",
                                List.of("站"),
                                JAN_1.plusMonths(6),
                                null,
                                List.of("线索"),
                                List.of(),
                                null,
                                MARCH_1))
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(
                        HomewardException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThat(work().signAgreement(
                                UUID.randomUUID(),
                                "dongguan",
                                List.of("站"),
                                JAN_1.plusYears(1),
                                null,
                                List.of("线索"),
                                List.of(),
                                null,
                                MARCH_1))
                .hasSize(1);
        assertThat(work().signAgreement(
                                UUID.randomUUID(),
                                "another-station",
                                List.of("站"),
                                JAN_1,
                                null,
                                List.of("线索"),
                                List.of(),
                                null,
                                MARCH_1))
                .hasSize(1);
    }

    @Test
    void the_ledger_takes_yuan_to_the_fen_never_negative_and_only_cny() {
        SupportGiven line = (SupportGiven) work().giveSupport(
                        UUID.randomUUID(),
                        "dongguan",
                        "东城街道",
                        SupportKind.SUPPLIES,
                        "棉被、食品",
                        new BigDecimal("12000.5"),
                        null,
                        MARCH_1)
                .get(0)
                .payload();
        assertThat(line.amountFen()).isEqualTo(1_200_050L);
        assertThat(line.amountInYuan()).isEqualTo(new BigDecimal("12000.50"));
        assertThat(line.currency()).isEqualTo("CNY");
        assertThat(work().giveSupport(
                                UUID.randomUUID(),
                                "dongguan",
                                "市民政局",
                                SupportKind.FUNDS,
                                null,
                                BigDecimal.ZERO,
                                "CNY",
                                MARCH_1))
                .hasSize(1);

        refused(
                () -> work().giveSupport(
                                UUID.randomUUID(),
                                "dongguan",
                                "镇",
                                SupportKind.FUNDS,
                                null,
                                new BigDecimal("-1"),
                                null,
                                MARCH_1),
                400,
                "amount");
        refused(
                () -> work().giveSupport(
                                UUID.randomUUID(),
                                "dongguan",
                                "镇",
                                SupportKind.FUNDS,
                                null,
                                new BigDecimal("1.005"),
                                null,
                                MARCH_1),
                400,
                "amount");
        refused(
                () -> work().giveSupport(
                                UUID.randomUUID(),
                                "dongguan",
                                "镇",
                                SupportKind.FUNDS,
                                null,
                                BigDecimal.TEN,
                                "USD",
                                MARCH_1),
                400,
                "currency");
    }

    @Test
    void capacity_and_publicity_counts_are_never_negative() {
        assertThat(work().reportCapacity(LocalDate.of(2018, 12, 31), 32, 12, 500, MARCH_1))
                .hasSize(1);
        refused(() -> work().reportCapacity(JAN_1, 1, -1, 5, MARCH_1), 400, "workrooms");
        refused(
                () -> PartnerWork.holdPublicity(
                        UUID.randomUUID(), "dongguan", null, PublicityKind.OPEN_DAY, "开放日", -3, MARCH_1),
                400,
                "participants");
    }

    private void given(DomainEvent event) {
        history.add(new EventEnvelope(
                UUID.randomUUID(),
                EventTypes.nameOf(event),
                1,
                "partner-work",
                "rangaihuijia",
                history.size() + 1,
                MARCH_1,
                MARCH_1,
                Actor.SYSTEM,
                null,
                null,
                event));
    }

    private PartnerWork work() {
        return PartnerWork.from(
                "rangaihuijia",
                new LoadedStream(new StreamId("partner-work", "rangaihuijia"), history.size(), List.copyOf(history)));
    }

    private static void refused(Runnable command, int status, String field) {
        assertThatThrownBy(command::run)
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(HomewardException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.errors()).extracting(f -> f.field()).contains(field);
                });
    }
}
