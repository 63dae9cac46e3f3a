package org.homeward.search.missingreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.homeward.events.intake.Sex;
import org.homeward.events.search.LeadChannel;
import org.homeward.events.search.MissingPersonReportEvent.CandidateExcluded;
import org.homeward.events.search.MissingPersonReportEvent.CandidateTurnedIntoLead;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportErased;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportSubmitted;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportUpdated;
import org.homeward.events.search.MissingPersonReportEvent.MissingPersonReportWithdrawn;
import org.homeward.events.search.ReporterKind;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.HomewardException;
import org.junit.jupiter.api.Test;

/** Given these events, when this command, then these events (or this refusal). */
class MissingPersonReportTest {
    static final OffsetDateTime MAY_1 = OffsetDateTime.of(2018, 5, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    static final LocalDate MARCH_3 = LocalDate.of(2018, 3, 3);
    final UUID reportId = UUID.randomUUID();
    final UUID person = UUID.randomUUID();
    final List<EventEnvelope> history = new ArrayList<>();

    @Test
    void a_family_report_needs_the_reporters_name_and_phone_and_a_partner_report_its_partner() {
        MissingPersonReport.Details details = details("王强", 1963, null);
        refused(
                () -> MissingPersonReport.submit(
                        reportId, reporter(ReporterKind.FAMILY, null, null, null), details, MAY_1),
                400,
                "reporter.name");
        refused(
                () -> MissingPersonReport.submit(
                        reportId,
                        new MissingPersonReport.Reporter(ReporterKind.FAMILY, null, null, null, "王小红", "女儿", null),
                        details,
                        MAY_1),
                400,
                "reporter.phone");
        refused(
                () -> MissingPersonReport.submit(
                        reportId, reporter(ReporterKind.PARTNER, null, null, null), details, MAY_1),
                400,
                "reporter.partnerId");
        refused(
                () -> MissingPersonReport.submit(
                        reportId, reporter(ReporterKind.IMPORTED, null, "全国寻亲网", null), details, MAY_1),
                400,
                "reporter.sourceReference");
        refused(
                () -> MissingPersonReport.submit(
                        reportId, reporter(ReporterKind.POLICE, "rangaihuijia", null, null), details, MAY_1),
                400,
                "reporter.partnerId");

        assertThat(MissingPersonReport.submit(
                        reportId, reporter(ReporterKind.IMPORTED, null, "全国寻亲网", "XQ-2018-0042"), details, MAY_1))
                .extracting(NewEvent::payload)
                .singleElement()
                .isInstanceOfSatisfying(MissingPersonReportSubmitted.class, e -> {
                    assertThat(e.source()).isEqualTo("全国寻亲网");
                    assertThat(e.sourceReference()).isEqualTo("XQ-2018-0042");
                    assertThat(e.lastSeenOn()).isEqualTo(MARCH_3);
                });
    }

    @Test
    void impossible_ages_and_dates_are_refused_naming_the_field() {
        MissingPersonReport.Reporter police = reporter(ReporterKind.POLICE, null, null, null);
        int nextYear = LocalDate.now().getYear() + 1;
        refused(
                () -> MissingPersonReport.submit(reportId, police, details("王强", nextYear, null), MAY_1),
                400,
                "birthYear");
        refused(
                () -> MissingPersonReport.submit(
                        reportId,
                        police,
                        new MissingPersonReport.Details(
                                "王强",
                                List.of(),
                                Sex.MALE,
                                null,
                                null,
                                null,
                                null,
                                null,
                                LocalDate.now().plusDays(3),
                                null,
                                null),
                        MAY_1),
                400,
                "lastSeenOn");
        refused(
                () -> MissingPersonReport.submit(
                        reportId,
                        police,
                        new MissingPersonReport.Details(
                                "王强",
                                List.of(),
                                Sex.MALE,
                                null,
                                null,
                                null,
                                null,
                                null,
                                MAY_1.toLocalDate().plusDays(1),
                                null,
                                null),
                        MAY_1),
                422,
                "lastSeenOn");
        refused(() -> MissingPersonReport.submit(reportId, police, details("王强", 2019, null), MAY_1), 422, "birthYear");
        refused(
                () -> MissingPersonReport.submit(reportId, police, details("王强", null, 130), MAY_1),
                400,
                "ageWhenLastSeen");
        refused(
                () -> MissingPersonReport.submit(reportId, police, details("王强", 1963, 30), MAY_1),
                422,
                "ageWhenLastSeen");
        refused(() -> MissingPersonReport.submit(reportId, police, details(null, 1963, null), MAY_1), 400, "name");
    }

    @Test
    void an_update_replaces_only_the_fields_given_and_a_withdrawn_report_takes_no_more_changes() {
        given(submitted());
        assertThat(report().update(
                                new MissingPersonReport.Details(
                                        null,
                                        List.of("阿强"),
                                        null,
                                        null,
                                        null,
                                        "湖南省邵阳市隆回县",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null),
                                MAY_1.plusDays(1)))
                .extracting(NewEvent::payload)
                .containsExactly(new MissingPersonReportUpdated(
                        reportId,
                        "王强",
                        List.of("阿强"),
                        Sex.MALE,
                        1963,
                        null,
                        "湖南省邵阳市隆回县",
                        null,
                        "湘语",
                        MARCH_3,
                        "邵阳汽车站",
                        null));
        given(new MissingPersonReportWithdrawn(reportId, "家属已自行找到"));
        refused(() -> report().update(details("王强", 1964, null), MAY_1.plusDays(2)), 409, null);
        refused(() -> report().exclude(person, 40, "年龄不符", "staff-1", MAY_1.plusDays(2)), 409, null);
    }

    @Test
    void an_excluded_resident_is_excluded_until_the_score_rises_by_the_margin_and_cannot_become_a_lead_meanwhile() {
        given(submitted());
        given(new CandidateExcluded(reportId, person, 40, "不是同一人：口音不同", "staff-1"));

        assertThat(report().isExcluded(person, 40 + MissingPersonReport.REPROPOSAL_MARGIN - 1))
                .isTrue();
        refused(
                () -> report().turnIntoLead(person, 45, UUID.randomUUID(), UUID.randomUUID(), MAY_1.plusDays(1)),
                422,
                "personId");
        refused(() -> report().exclude(person, 45, "再次排除", "staff-1", MAY_1.plusDays(1)), 409, null);

        assertThat(report().isExcluded(person, 40 + MissingPersonReport.REPROPOSAL_MARGIN))
                .isFalse();
        UUID caseId = UUID.randomUUID();
        UUID leadId = UUID.randomUUID();
        assertThat(report().turnIntoLead(person, 55, caseId, leadId, MAY_1.plusDays(1)))
                .extracting(NewEvent::payload)
                .containsExactly(
                        new CandidateTurnedIntoLead(reportId, person, caseId, leadId, LeadChannel.STAFF_INQUIRY, 55));
    }

    @Test
    void the_lead_channel_follows_the_reports_source_so_the_success_is_credited_right() {
        assertThat(channelOf(reporter(ReporterKind.IMPORTED, null, "全国寻亲网", "X-1")))
                .isEqualTo(LeadChannel.NATIONAL_NETWORK);
        assertThat(channelOf(reporter(ReporterKind.PARTNER, "rangaihuijia", null, null)))
                .isEqualTo(LeadChannel.PARTNER);
        assertThat(channelOf(new MissingPersonReport.Reporter(
                        ReporterKind.FAMILY, null, null, null, "王小红", "女儿", "13800000000")))
                .isEqualTo(LeadChannel.STAFF_INQUIRY);
        assertThat(channelOf(reporter(ReporterKind.POLICE, null, null, null)))
                .isEqualTo(LeadChannel.POLICE_POPULATION_REGISTRY);
    }

    private LeadChannel channelOf(MissingPersonReport.Reporter reporter) {
        history.clear();
        MissingPersonReport.submit(reportId, reporter, details("王强", 1963, null), MAY_1)
                .forEach(e -> given(e.payload()));
        return report().leadChannel();
    }

    @Test
    void a_report_is_erased_once_with_a_reason_in_any_status_and_then_takes_no_command() {
        given(submitted());
        given(new MissingPersonReportWithdrawn(reportId, "家属已找到"));
        refused(() -> report().erase(" ", MAY_1), 400, "reason");
        assertThat(report().erase("家属撤回寻人登记", MAY_1))
                .extracting(NewEvent::payload)
                .containsExactly(new MissingPersonReportErased(reportId, "家属撤回寻人登记"));
        given(new MissingPersonReportErased(reportId, "家属撤回寻人登记"));
        assertThat(report().erased()).isTrue();
        refused(() -> report().erase("again", MAY_1), 409, "reportId");
        refused(() -> report().found(person, null, MAY_1), 409, "reportId");
    }

    private MissingPersonReportSubmitted submitted() {
        return new MissingPersonReportSubmitted(
                reportId,
                ReporterKind.FAMILY,
                null,
                null,
                null,
                "王小红",
                "女儿",
                "13800000000",
                "王强",
                List.of(),
                Sex.MALE,
                1963,
                null,
                null,
                null,
                "湘语",
                MARCH_3,
                "邵阳汽车站",
                null);
    }

    private static MissingPersonReport.Reporter reporter(
            ReporterKind kind, String partnerId, String source, String reference) {
        return new MissingPersonReport.Reporter(kind, partnerId, source, reference, null, null, null);
    }

    private static MissingPersonReport.Details details(String name, Integer birthYear, Integer age) {
        return new MissingPersonReport.Details(
                name, List.of(), Sex.MALE, birthYear, age, "湖南邵阳", null, null, MARCH_3, null, null);
    }

    private static void refused(Runnable command, int status, String field) {
        assertThatThrownBy(command::run)
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(HomewardException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    if (field != null) {
                        assertThat(e.errors())
                                .anySatisfy(f -> assertThat(f.field()).isEqualTo(field));
                    }
                });
    }

    private void given(DomainEvent event) {
        history.add(new EventEnvelope(
                UUID.randomUUID(),
                "x",
                1,
                MissingPersonReport.STREAM,
                reportId.toString(),
                history.size() + 1,
                MAY_1,
                MAY_1,
                Actor.SYSTEM,
                null,
                null,
                event));
    }

    private MissingPersonReport report() {
        return MissingPersonReport.from(
                new LoadedStream(StreamId.of(MissingPersonReport.STREAM, reportId), history.size(), history));
    }
}
