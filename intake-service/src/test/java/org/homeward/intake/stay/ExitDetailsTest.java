package org.homeward.intake.stay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert;
import org.homeward.domain.DomainException;
import org.homeward.domain.LoadedStream;
import org.homeward.domain.NewEvent;
import org.homeward.domain.StreamId;
import org.homeward.events.DomainEvent;
import org.homeward.events.EventEnvelope;
import org.homeward.events.intake.ArrivalChannel;
import org.homeward.events.intake.ExitType;
import org.homeward.events.intake.PlacementDecision;
import org.homeward.events.intake.StayEvent.EscortHomeRecorded;
import org.homeward.events.intake.StayEvent.FamilyPickupRecorded;
import org.homeward.events.intake.StayEvent.FinalPlacementRecorded;
import org.homeward.events.intake.StayEvent.PersonAdmitted;
import org.homeward.events.intake.StayEvent.PersonDischarged;
import org.homeward.events.intake.StayEvent.PlacementDecided;
import org.homeward.events.intake.StayEvent.SelfDepartureRecorded;
import org.homeward.events.intake.StayEvent.TransferRecorded;
import org.homeward.platform.problem.DomainProblems;
import org.homeward.platform.problem.FieldError;
import org.homeward.platform.problem.HomewardException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The details staff record on a discharge, by exit type, and the 10-day rule's placement decision. Given/when/then. */
class ExitDetailsTest {
    static final OffsetDateTime JUNE_1 = OffsetDateTime.of(2018, 6, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
    static final Predicate<String> REGISTRY = Set.of("dg", "gz")::contains;
    final UUID stay = UUID.randomUUID();
    final UUID person = UUID.randomUUID();
    final List<EventEnvelope> history = new ArrayList<>();

    @BeforeEach
    void admitted() {
        given(new PersonAdmitted(stay, person, "dg", ArrivalChannel.POLICE, null, false), JUNE_1);
    }

    @Test
    void each_exit_type_records_its_details_just_before_the_discharge() {
        assertThat(discharge(
                        ExitType.FAMILY_PICKUP,
                        new ExitDetails(" 张建国 ", "儿子", null, null, null, null, null, null, null)))
                .containsExactly(
                        new FamilyPickupRecorded(stay, "张建国", "儿子"),
                        new PersonDischarged(stay, person, "dg", ExitType.FAMILY_PICKUP));
        assertThat(discharge(
                        ExitType.ESCORTED_HOME,
                        new ExitDetails(null, null, "湖南省邵阳市", "火车 K9071", "王伟、李强", null, null, null, null)))
                .startsWith(new EscortHomeRecorded(stay, "湖南省邵阳市", "火车 K9071", "王伟、李强"));
        assertThat(discharge(
                        ExitType.TRANSFERRED, new ExitDetails(null, null, null, null, null, "gz", null, null, null)))
                .startsWith(new TransferRecorded(stay, "gz"));
        assertThat(discharge(
                        ExitType.SELF_DEPARTURE,
                        new ExitDetails(null, null, null, null, null, null, true, "ZL-2018-061", null)))
                .startsWith(new SelfDepartureRecorded(stay, true, "ZL-2018-061"));
        assertThat(discharge(
                        ExitType.SELF_DEPARTURE,
                        new ExitDetails(null, null, null, null, null, null, false, null, null)))
                .startsWith(new SelfDepartureRecorded(stay, false, null));
        assertThat(discharge(
                        ExitType.PLACED_IN_CARE,
                        new ExitDetails(null, null, null, null, null, null, null, null, "东莞市社会福利中心")))
                .startsWith(new FinalPlacementRecorded(stay, "东莞市社会福利中心"));
    }

    @Test
    void missing_details_are_refused_naming_every_missing_field() {
        refused(() -> discharge(ExitType.FAMILY_PICKUP, ExitDetails.NONE), 400, "pickedUpBy", "relation");
        refused(
                () -> discharge(
                        ExitType.ESCORTED_HOME, new ExitDetails(null, null, "湖南", " ", null, null, null, null, null)),
                400,
                "transport",
                "escortStaff");
        refused(() -> discharge(ExitType.TRANSFERRED, ExitDetails.NONE), 400, "receivingStationId");
        refused(() -> discharge(ExitType.SELF_DEPARTURE, ExitDetails.NONE), 400, "signedStatement");
        refused(
                () -> discharge(
                        ExitType.SELF_DEPARTURE, new ExitDetails(null, null, null, null, null, null, true, null, null)),
                400,
                "statementReference");
        refused(() -> discharge(ExitType.PLACED_IN_CARE, ExitDetails.NONE), 400, "institution");
        refused(() -> discharge(ExitType.DECEASED, ExitDetails.NONE), 400, "exitType");
    }

    @Test
    void a_transfer_goes_to_a_registered_station_other_than_the_own() {
        refused(
                () -> discharge(
                        ExitType.TRANSFERRED,
                        new ExitDetails(null, null, null, null, null, "nowhere", null, null, null)),
                422,
                "receivingStationId");
        refused(
                () -> discharge(
                        ExitType.TRANSFERRED, new ExitDetails(null, null, null, null, null, "dg", null, null, null)),
                422,
                "receivingStationId");
    }

    @Test
    void a_placement_decision_is_recorded_on_an_open_stay_only() {
        assertThat(stay().decidePlacement(PlacementDecision.ENTRUSTED_CARE, "联系福利中心", JUNE_1.plusDays(9)))
                .extracting(NewEvent::payload)
                .containsExactly(new PlacementDecided(stay, PlacementDecision.ENTRUSTED_CARE, "联系福利中心"));
        refused(
                () -> stay().decidePlacement(PlacementDecision.KEEP_IN_STATION, null, JUNE_1.minusDays(1)),
                422,
                "occurredAt");

        given(new PersonDischarged(stay, person, "dg", ExitType.SELF_DEPARTURE), JUNE_1.plusDays(3));
        refused(
                () -> stay().decidePlacement(PlacementDecision.KEEP_IN_STATION, null, JUNE_1.plusDays(4)),
                409,
                "stayId");
    }

    private List<Object> discharge(ExitType type, ExitDetails details) {
        return stay().discharge(type, details, REGISTRY, JUNE_1.plusDays(5)).stream()
                .map(NewEvent::payload)
                .map(Object.class::cast)
                .toList();
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, int status, String... fields) {
        assertThatThrownBy(call)
                .isInstanceOf(DomainException.class)
                .extracting(t -> DomainProblems.asProblem((DomainException) t))
                .isInstanceOfSatisfying(HomewardException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.errors()).extracting(FieldError::field).contains(fields);
                });
    }

    private void given(DomainEvent event, OffsetDateTime at) {
        history.add(new EventEnvelope(
                UUID.randomUUID(),
                "x",
                1,
                Stay.STREAM,
                stay.toString(),
                history.size() + 1,
                at,
                at,
                null,
                null,
                null,
                event));
    }

    private Stay stay() {
        return Stay.from(new LoadedStream(StreamId.of(Stay.STREAM, stay), history.size(), history));
    }
}
