package dev.rapport.imports;

import static dev.rapport.imports.Exports.freshdeskMapping;
import static dev.rapport.imports.Exports.freshdeskTicket;
import static dev.rapport.imports.Exports.with;
import static dev.rapport.imports.Exports.zendesk;
import static dev.rapport.imports.Exports.zendeskMapping;
import static dev.rapport.imports.Exports.zendeskTicket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.progress.Progress;
import dev.rapport.spi.Channel;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.testing.StoreSnapshot;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TicketImporter")
class TicketImporterTest extends TicketImportFixtures {

    @Nested
    @DisplayName("a Zendesk-like export")
    class ZendeskLike {

        @Test
        @DisplayName("becomes a customer, a case, the first message and reply, and a CSAT answer, at their historic times")
        void importsATicket() throws IOException {
            // given a solved ticket created 09:15 Berlin time, answered after 35 minutes, solved 16:40, rated Good
            String csv = zendesk(zendeskTicket("1001"));

            // when
            ImportReport report = importZendesk(csv);

            // then
            assertThat(report.summary()).isEqualTo("1 rows: 1 imported, 0 skipped as already imported, 0 rejected");
            StoreSnapshot store = t.snapshot();
            Customer ann = store.customers().get(0);
            assertThat(ann.name()).isEqualTo("Ann Lee");
            assertThat(ann.identities()).containsExactly(ContactIdentity.primary(Channel.EMAIL, "ann.lee@example.com"));
            assertThat(ann.createdAt()).isEqualTo(utc("2024-03-04T08:15:00Z"));

            Case parcel = onlyCase();
            assertThat(report.imported()).containsExactly(
                    new ImportReport.Imported(2, "1001", parcel.id(), ann.id(), true));
            assertThat(parcel.customerId()).isEqualTo(ann.id());
            assertThat(parcel.subject()).isEqualTo("Parcel not delivered");
            assertThat(parcel.category()).contains("delivery");
            assertThat(parcel.priority()).isEqualTo(Priority.HIGH);
            assertThat(parcel.originChannel()).isEqualTo(Channel.EMAIL);
            assertThat(parcel.assignee()).contains(maya.id());
            assertThat(parcel.status()).isEqualTo(CaseStatus.RESOLVED);
            assertThat(parcel.createdAt()).isEqualTo(utc("2024-03-04T08:15:00Z"));
            assertThat(parcel.firstReplyAt()).contains(utc("2024-03-04T08:50:00Z"));
            assertThat(parcel.firstResolvedAt()).contains(utc("2024-03-04T15:40:00Z"));
            assertThat(parcel.resolvedAt()).contains(utc("2024-03-04T15:40:00Z"));
            assertThat(parcel.history()).containsExactly(
                    new StatusChange(CaseStatus.NEW, CaseStatus.RESOLVED, utc("2024-03-04T15:40:00Z")));

            List<Interaction> story = t.rapport().interactions().findByCase(parcel.id());
            assertThat(story).hasSize(2);
            Interaction message = story.get(0);
            assertThat(message.externalId()).contains("zendesk:1001");
            assertThat(message.direction()).isEqualTo(Direction.INBOUND);
            assertThat(message.kind()).isEqualTo(InteractionKind.MESSAGE);
            assertThat(message.occurredAt()).isEqualTo(utc("2024-03-04T08:15:00Z"));
            assertThat(message.summary()).contains("Where is my parcel?\nOrder ORD-1001, placed on Monday, \"express\".");
            Interaction reply = story.get(1);
            assertThat(reply.externalId()).contains("zendesk:1001/first-reply");
            assertThat(reply.isHumanPublicReply()).isTrue();
            assertThat(reply.agentId()).contains(maya.id());
            assertThat(reply.occurredAt()).isEqualTo(utc("2024-03-04T08:50:00Z"));

            Feedback csat = store.feedback().get(0);
            assertThat(csat.metric()).isEqualTo(FeedbackMetric.CSAT);
            assertThat(csat.scale()).isEqualTo(Scale.CSAT_1_TO_5);
            assertThat(csat.score()).isEqualTo(5);
            assertThat(csat.caseId()).contains(parcel.id());
            assertThat(csat.agentId()).contains(maya.id());
            assertThat(csat.receivedAt()).isEqualTo(utc("2024-03-04T15:40:00Z"));
        }

        @Test
        @DisplayName("imports a ticket first answered after its resolution, warns about it, and the KPIs leave it out")
        void warnsOfAReplyAfterTheResolution() throws IOException {
            // given a ticket solved 16:40 Berlin time whose first reply came 10 hours after its 09:15 creation
            String csv = zendesk(zendeskTicket("1"), with(zendeskTicket("2"), "First reply time in minutes", "600"));

            // when
            ImportReport report = importZendesk(csv);

            // then the row imports, and only it is flagged, naming the inconsistency
            assertThat(report.imported()).extracting(ImportReport.Imported::ticketId).containsExactly("1", "2");
            assertThat(report.rejected()).isEmpty();
            assertThat(report.warnings()).singleElement().satisfies(w -> {
                assertThat(w.line()).isEqualTo(4);
                assertThat(w.ticketId()).isEqualTo("2");
                assertThat(w.field()).isEqualTo("firstReplyMinutes");
                assertThat(w.exclusion()).contains(ExclusionReason.REPLIED_AFTER_RESOLVED);
                assertThat(w.describe()).startsWith("line 4 (ticket 2): firstReplyMinutes: the first reply is dated"
                        + " after the resolution").endsWith("(REPLIED_AFTER_RESOLVED)");
            });
            // and neither a 10-hour first reply nor a first-contact resolution is counted for it
            KpiEngine kpis = new KpiEngine(t.storage(), t.clock());
            KpiRequest march = KpiRequest.over(utc("2024-03-01T00:00:00Z"), utc("2024-04-01T00:00:00Z"));
            KpiFigure firstReply = kpis.compute(Kpi.FIRST_REPLY_TIME, march).total();
            assertThat(firstReply.denominator()).isEqualByComparingTo("1");
            assertThat(firstReply.excluded().count(ExclusionReason.REPLIED_AFTER_RESOLVED)).isEqualTo(1);
            KpiFigure fcr = kpis.compute(Kpi.FIRST_CONTACT_RESOLUTION, march).total();
            assertThat(fcr.denominator()).isEqualByComparingTo("1");
            assertThat(fcr.excluded().count(ExclusionReason.REPLIED_AFTER_RESOLVED)).isEqualTo(1);
            assertThat(fcr.excluded().dataQualityTotal()).isEqualTo(1);
        }

        @Test
        @DisplayName("moves each case to its status, a closed one through resolved, and leaves a new one untouched")
        void statuses() throws IOException {
            // given
            String csv = zendesk(
                    with(zendeskTicket("1"), "Status", "Closed"),
                    with(with(zendeskTicket("2"), "Status", "Pending"), "Solved at", ""),
                    with(with(with(zendeskTicket("3"), "Status", "New"), "First reply time in minutes", ""),
                            "Solved at", ""),
                    with(with(zendeskTicket("4"), "Status", "hold"), "Solved at", ""));

            // when
            ImportReport report = importZendesk(csv);

            // then
            assertThat(report.rejected()).isEmpty();
            Map<String, Case> byTicket = casesByTicket(report);
            Instant solved = utc("2024-03-04T15:40:00Z");
            Instant replied = utc("2024-03-04T08:50:00Z");
            assertThat(byTicket.get("1").status()).isEqualTo(CaseStatus.CLOSED);
            assertThat(byTicket.get("1").closedAt()).contains(solved);
            assertThat(byTicket.get("1").history()).extracting(StatusChange::to)
                    .containsExactly(CaseStatus.RESOLVED, CaseStatus.CLOSED);
            assertThat(byTicket.get("2").status()).isEqualTo(CaseStatus.PENDING_CUSTOMER);
            assertThat(byTicket.get("2").history()).containsExactly(
                    new StatusChange(CaseStatus.NEW, CaseStatus.PENDING_CUSTOMER, replied));
            assertThat(byTicket.get("2").resolvedAt()).isEmpty();
            assertThat(byTicket.get("3").status()).isEqualTo(CaseStatus.NEW);
            assertThat(byTicket.get("3").history()).isEmpty();
            assertThat(byTicket.get("3").firstReplyAt()).isEmpty();
            assertThat(byTicket.get("4").status()).isEqualTo(CaseStatus.ON_HOLD);
        }

        @Test
        @DisplayName("records no CSAT answer for values that mean none, and maps the others")
        void csatValues() throws IOException {
            // given
            String csv = zendesk(
                    with(zendeskTicket("1"), "Satisfaction Score", "Offered"),
                    with(zendeskTicket("2"), "Satisfaction Score", " unoffered "),
                    with(zendeskTicket("3"), "Satisfaction Score", ""),
                    with(zendeskTicket("4"), "Satisfaction Score", "BAD"));

            // when
            ImportReport report = importZendesk(csv);

            // then
            assertThat(report.imported()).hasSize(4);
            assertThat(t.snapshot().feedback()).singleElement().satisfies(f -> {
                assertThat(f.score()).isEqualTo(1);
                assertThat(f.caseId()).contains(casesByTicket(report).get("4").id());
            });
        }
    }

    @Nested
    @DisplayName("a Freshdesk-like export")
    class FreshdeskLike {

        @Test
        @DisplayName("with semicolons, another date format and zone, a phone number and a rated, closed call")
        void importsATicket() throws IOException {
            // given
            String csv = Exports.csv(Exports.FRESHDESK_COLUMNS, ';', freshdeskTicket("FD-1"),
                    with(with(with(freshdeskTicket("FD-2"), "Status", "Waiting on Customer"), "Resolved time", ""),
                            "Source", "Portal"));

            // when
            ImportReport report = importer(freshdeskMapping()).delimiter(';').build()
                    .importFrom(new StringReader(csv));

            // then
            assertThat(report.rejected()).isEmpty();
            assertThat(report.customersRegistered()).isEqualTo(1);
            Customer bob = t.snapshot().customers().get(0);
            assertThat(bob.name()).isEqualTo("Bob Stone");
            assertThat(bob.identities()).containsExactly(ContactIdentity.primary(Channel.PHONE, "+1 (212) 555-0147"));

            Case call = casesByTicket(report).get("FD-1");
            assertThat(call.originChannel()).isEqualTo(Channel.PHONE);
            assertThat(call.priority()).isEqualTo(Priority.NORMAL);
            assertThat(call.category()).contains("billing_payments");
            assertThat(call.assignee()).contains(omar.id());
            assertThat(call.createdAt()).isEqualTo(utc("2024-02-12T13:05:10Z"));
            assertThat(call.firstReplyAt()).contains(utc("2024-02-12T13:05:40Z"));
            assertThat(call.resolvedAt()).contains(utc("2024-02-13T15:00:00Z"));
            assertThat(call.closedAt()).contains(utc("2024-02-15T15:00:00Z"));
            assertThat(call.status()).isEqualTo(CaseStatus.CLOSED);
            assertThat(t.rapport().interactions().findByCase(call.id()).get(0).kind())
                    .isEqualTo(InteractionKind.CALL);
            Feedback rating = t.rapport().feedback().findByCase(call.id()).get(0);
            assertThat(rating.score()).isEqualTo(4);
            assertThat(rating.comment()).contains("Quick, thanks; but \"hold music\" was loud");
            assertThat(rating.receivedAt()).isEqualTo(utc("2024-02-15T15:00:00Z"));

            Case waiting = casesByTicket(report).get("FD-2");
            assertThat(waiting.status()).isEqualTo(CaseStatus.PENDING_CUSTOMER);
            assertThat(waiting.originChannel()).isEqualTo(Channel.WEB_FORM);
            assertThat(waiting.customerId()).isEqualTo(bob.id());
        }
    }

    @Nested
    @DisplayName("customers")
    class Customers {

        @Test
        @DisplayName("are found by any address they are known by, in any formatting, and get the address they lacked")
        void resolvesKnownCustomers() throws IOException {
            // given a customer known by email only, and a ticket of theirs with a phone number as well
            Customer known = t.customer("Bob S.", ContactIdentity.primary(Channel.EMAIL, "bob@example.com"));
            String csv = Exports.csv(Exports.FRESHDESK_COLUMNS, ',',
                    with(freshdeskTicket("1"), "Email", " BOB@Example.com "));

            // when
            ImportReport report = importer(freshdeskMapping()).build().importFrom(new StringReader(csv));

            // then
            assertThat(report.customersRegistered()).isZero();
            assertThat(report.imported()).singleElement().satisfies(i -> {
                assertThat(i.customerId()).isEqualTo(known.id());
                assertThat(i.newCustomer()).isFalse();
            });
            Customer now = t.rapport().customers().get(known.id());
            assertThat(now.name()).isEqualTo("Bob S.");
            assertThat(now.identities()).containsExactly(ContactIdentity.primary(Channel.EMAIL, "bob@example.com"),
                    ContactIdentity.of(Channel.PHONE, "+1 (212) 555-0147"));
            assertThat(t.rapport().customers().resolve(Channel.WHATSAPP, "0012125550147")).contains(now);
        }

        @Test
        @DisplayName("with several tickets are one customer with several cases")
        void oneCustomerManyTickets() throws IOException {
            // when
            ImportReport report = importZendesk(zendesk(zendeskTicket("1"),
                    with(zendeskTicket("2"), "Requester email", "Ann.Lee@EXAMPLE.com")));

            // then
            assertThat(report.customersRegistered()).isEqualTo(1);
            assertThat(t.snapshot().customers()).hasSize(1);
            assertThat(t.snapshot().cases()).hasSize(2)
                    .allMatch(c -> c.customerId().equals(report.imported().get(0).customerId()));
        }

        @Test
        @DisplayName("registered by another writer while a row was being imported are found when the row is tried again")
        void registeredMeanwhile() throws IOException {
            // given Ann is registered, but this run's first look-ups of her address do not see her yet
            Customer ann = t.customer("Ann", ContactIdentity.primary(Channel.EMAIL, "ann.lee@example.com"));
            t.storage().answerNext("customers.findByIdentity", 2, args -> Optional.empty());

            // when
            ImportReport report = importZendesk(zendesk(zendeskTicket("1")));

            // then
            assertThat(report.imported()).singleElement().satisfies(i -> {
                assertThat(i.customerId()).isEqualTo(ann.id());
                assertThat(i.newCustomer()).isFalse();
            });
            assertThat(t.snapshot().customers()).containsExactly(ann);
        }

        @Test
        @DisplayName("without a name are registered under their address")
        void nameless() throws IOException {
            // when
            importZendesk(zendesk(with(zendeskTicket("1"), "Requester", " ")));

            // then
            assertThat(t.snapshot().customers()).extracting(Customer::name).containsExactly("ann.lee@example.com");
        }
    }

    @Nested
    @DisplayName("running the same import again")
    class Idempotency {

        @Test
        @DisplayName("skips every ticket imported before and changes nothing")
        void rerun() throws IOException {
            // given
            String csv = zendesk(zendeskTicket("1"), with(zendeskTicket("2"), "Status", "Open"));
            ImportReport first = importZendesk(csv);
            StoreSnapshot before = t.snapshot();

            // when
            ImportReport second = importZendesk(csv);

            // then
            assertThat(second.summary()).isEqualTo("2 rows: 0 imported, 2 skipped as already imported, 0 rejected");
            assertThat(second.skipped()).containsExactly(
                    new ImportReport.Skipped(2, "1", Optional.of(first.imported().get(0).caseId())),
                    new ImportReport.Skipped(4, "2", Optional.of(first.imported().get(1).caseId())));
            assertThat(t.snapshot()).isEqualTo(before);
        }

        @Test
        @DisplayName("imports only the rows a grown export adds")
        void grownExport() throws IOException {
            // given
            importZendesk(zendesk(zendeskTicket("1")));

            // when
            ImportReport report = importZendesk(zendesk(zendeskTicket("1"), zendeskTicket("2")));

            // then
            assertThat(report.skipped()).extracting(ImportReport.Skipped::ticketId).containsExactly("1");
            assertThat(report.imported()).extracting(ImportReport.Imported::ticketId).containsExactly("2");
            assertThat(t.snapshot().cases()).hasSize(2);
        }

        @Test
        @DisplayName("keeps ticket ids of different helpdesks apart by their prefixes")
        void prefixes() throws IOException {
            // given
            importZendesk(zendesk(zendeskTicket("1")));

            // when the same id comes from another helpdesk
            ImportReport report = importer(zendeskMapping().externalIdPrefix("other:")).build()
                    .importFrom(new StringReader(zendesk(zendeskTicket("1"))));

            // then
            assertThat(report.imported()).hasSize(1);
            assertThat(t.rapport().interactions().findByExternalId("other:1")).isPresent();
        }

        @Test
        @DisplayName("rejects a ticket id that appears twice in one file, naming the first line")
        void duplicateInFile() throws IOException {
            // when
            ImportReport report = importZendesk(zendesk(zendeskTicket("7"), zendeskTicket("8"), zendeskTicket("7")));

            // then
            assertThat(report.imported()).extracting(ImportReport.Imported::ticketId).containsExactly("7", "8");
            assertThat(report.rejected()).singleElement().satisfies(r -> {
                assertThat(r.line()).isEqualTo(6);
                assertThat(r.reasons()).containsExactly(
                        new Violation("ticketId", "UniqueInFile", "the same ticket id is on line 2"));
            });
        }

        @Test
        @DisplayName("counts a ticket another run imported meanwhile as skipped, and keeps nothing of its own attempt")
        void concurrentImport() throws IOException {
            // given ticket 1 is imported, and this run's look-ups do not see it yet (as if imported concurrently)
            importZendesk(zendesk(zendeskTicket("1")));
            StoreSnapshot before = t.snapshot();
            t.storage().answerNext("interactions.findByExternalId", 3, args -> Optional.empty());

            // when
            ImportReport report = importZendesk(zendesk(zendeskTicket("1")));

            // then
            assertThat(report.skipped()).singleElement()
                    .satisfies(s -> assertThat(s.caseId()).contains(before.cases().get(0).id()));
            assertThat(t.snapshot()).isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("each row is all or nothing")
    class Atomicity {

        @Test
        @DisplayName("a store failure half-way through a row ends the run, keeps the rows before, and leaves none of "
                + "that row; running again completes the import")
        void storeFailure() throws IOException {
            // given the second row's CSAT answer cannot be stored
            String csv = zendesk(zendeskTicket("1"), with(zendeskTicket("2"), "Requester email", "bob@example.com"),
                    zendeskTicket("3"));
            t.storage().answerNext("feedback.insert", 1, args -> t.storage().delegate().feedback()
                    .insert((Feedback) args[0]));
            t.storage().failNext("feedback.insert", 1, () -> new StorageException("disk full"));

            // when
            assertThatThrownBy(() -> importZendesk(csv)).isInstanceOf(StorageException.class);

            // then
            StoreSnapshot afterFailure = t.snapshot();
            assertThat(afterFailure.cases()).hasSize(1);
            assertThat(afterFailure.customers()).extracting(Customer::name).containsExactly("Ann Lee");
            assertThat(afterFailure.interactions()).extracting(i -> i.externalId().orElseThrow())
                    .containsExactlyInAnyOrder("zendesk:1", "zendesk:1/first-reply");

            // and when run again
            ImportReport rerun = importZendesk(csv);

            // then
            assertThat(rerun.summary()).isEqualTo("3 rows: 2 imported, 1 skipped as already imported, 0 rejected");
            assertThat(t.snapshot().cases()).hasSize(3);
            assertThat(t.snapshot().feedback()).hasSize(3);
        }
    }

    @Nested
    @DisplayName("events")
    class Events {

        @Test
        @DisplayName("are not published by default")
        void noneByDefault() throws IOException {
            // when
            importZendesk(zendesk(zendeskTicket("1")));

            // then
            assertThat(t.events().events()).isEmpty();
        }

        @Test
        @DisplayName("are published after each row's commit when asked, with the historic times, and never for "
                + "rejected rows")
        void publishedWhenAsked() throws IOException {
            // given
            String csv = zendesk(zendeskTicket("1"), with(zendeskTicket("2"), "Via", "Fax"));

            // when
            importer(zendeskMapping()).publishEvents(true).build().importFrom(new StringReader(csv));

            // then
            assertThat(t.events().publications()).isNotEmpty().noneMatch(p -> p.duringTransaction());
            assertThat(t.events().events()).extracting(DomainEvent::type).containsExactly(
                    "customer.registered", "case.opened", "case.assigned", "interaction.recorded",
                    "interaction.recorded", "case.status_changed", "feedback.received");
            assertThat(t.events().events(CaseOpened.class)).singleElement()
                    .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(utc("2024-03-04T08:15:00Z")));
        }
    }

    @Nested
    @DisplayName("progress")
    class ProgressReports {

        @Test
        @DisplayName("is reported every so many rows and at the end, with the total of a file and the counts so far")
        void everyNRows(@TempDir Path dir) throws IOException {
            // given a file of five rows, the third rejected, and the first imported before
            importZendesk(zendesk(zendeskTicket("1")));
            Path file = dir.resolve("export.csv");
            Files.writeString(file, zendesk(zendeskTicket("1"), zendeskTicket("2"), with(zendeskTicket("3"),
                    "Via", "Fax"), zendeskTicket("4"), zendeskTicket("5")));
            List<Progress> reports = new ArrayList<>();

            // when the clock moves a second per report
            importer(zendeskMapping()).progressEvery(2).progressListener(p -> {
                reports.add(p);
                t.clock().advance(Duration.ofSeconds(1));
            }).build().importFrom(file);

            // then
            assertThat(reports).extracting(Progress::done, Progress::rejected, Progress::skipped, Progress::finished)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(2L, 0L, 1L, false),
                            org.assertj.core.groups.Tuple.tuple(4L, 1L, 1L, false),
                            org.assertj.core.groups.Tuple.tuple(5L, 1L, 1L, true));
            assertThat(reports).allSatisfy(p -> {
                assertThat(p.operation()).isEqualTo("import");
                assertThat(p.unit()).isEqualTo("rows");
                assertThat(p.total()).isEqualTo(OptionalLong.of(5));
            });
            assertThat(reports).extracting(Progress::elapsed)
                    .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
        }

        @Test
        @DisplayName("reports the last row once, as finished, when it falls on a reporting step")
        void lastRowOnce() throws IOException {
            // given
            List<Progress> reports = new ArrayList<>();

            // when
            importer(zendeskMapping()).progressEvery(2).progressListener(reports::add).build().importFrom(
                    new StringReader(zendesk(zendeskTicket("1"), zendeskTicket("2"), zendeskTicket("3"),
                            zendeskTicket("4"))));

            // then
            assertThat(reports).extracting(Progress::done, Progress::finished).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(2L, false), org.assertj.core.groups.Tuple.tuple(4L, true));
        }

        @Test
        @DisplayName("carries no total when the rows come from a reader")
        void noTotalFromReader() throws IOException {
            // given
            List<Progress> reports = new ArrayList<>();

            // when
            importer(zendeskMapping()).progressListener(reports::add).build()
                    .importFrom(new StringReader(zendesk(zendeskTicket("1"))));

            // then
            assertThat(reports).singleElement().satisfies(p -> {
                assertThat(p.total()).isEmpty();
                assertThat(p.done()).isEqualTo(1);
                assertThat(p.finished()).isTrue();
            });
        }
    }

    @Nested
    @DisplayName("the builder")
    class BuilderChecks {

        @Test
        @DisplayName("names every property at fault")
        void namesEveryFault() {
            assertThatThrownBy(() -> TicketImporter.builder(t.rapport()).progressEvery(0).progressListener(null)
                    .delimiter('"').charset(null).build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                            .containsExactly("charset", "delimiter", "mapping", "progressEvery", "progressListener"));
        }

        @Test
        @DisplayName("takes a lookup of its own for agents")
        void agentLookup() throws IOException {
            // when every name finds Omar
            importer(zendeskMapping()).agentLookup(name -> Optional.of(omar.id())).build()
                    .importFrom(new StringReader(zendesk(zendeskTicket("1"))));

            // then
            assertThat(onlyCase().assignee()).contains(omar.id());
        }
    }
}
