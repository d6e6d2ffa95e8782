package dev.rapport.imports;

import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two helpdesk export layouts for tests, a Zendesk-like and a Freshdesk-like one, with their column mappings, and a
 * small CSV writer to build files row by row. Rows are maps from column to value, starting from a valid ticket.
 */
final class Exports {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static final List<String> ZENDESK_COLUMNS = List.of("Id", "Requester", "Requester email", "Subject",
            "Description", "Via", "Priority", "Status", "Group", "Assignee", "Created at", "Solved at",
            "First reply time in minutes", "Satisfaction Score");

    static final List<String> FRESHDESK_COLUMNS = List.of("Ticket ID", "Subject", "Description", "Status",
            "Priority", "Source", "Type", "Agent", "Created time", "Initial response time", "Resolved time",
            "Closed time", "Full name", "Email", "Work phone", "Customer satisfaction", "Satisfaction comment");

    private Exports() {
    }

    /** The mapping of the Zendesk-like layout: Berlin local times, first reply in minutes, Good/Bad CSAT. */
    static ColumnMapping.Builder zendeskMapping() {
        TimeFormat format = TimeFormat.pattern("yyyy-MM-dd HH:mm");
        return ColumnMapping.builder()
                .ticketId("Id")
                .customerName("Requester")
                .customerEmail("Requester email")
                .subject("Subject")
                .messageText("Description")
                .channel("Via")
                .channelValue("Mail", Channel.EMAIL)
                .channelValue("Voice", Channel.PHONE)
                .channelValue("Twitter", Channel.X)
                .priority("Priority")
                .status("Status")
                .statusValue("Solved", CaseStatus.RESOLVED)
                .statusValue("Pending", CaseStatus.PENDING_CUSTOMER)
                .statusValue("Hold", CaseStatus.ON_HOLD)
                .category("Group")
                .agent("Assignee")
                .createdAt("Created at", format)
                .resolvedAt("Solved at", format)
                .firstReplyMinutes("First reply time in minutes")
                .csat("Satisfaction Score")
                .csatValue("Good", 5)
                .csatValue("Bad", 1)
                .csatIgnored("Offered")
                .csatIgnored("Unoffered")
                .timeZone(BERLIN)
                .externalIdPrefix("zendesk:")
                .strict(); // every bad value rejects its row; TicketImportPoliciesTest covers the forgiving defaults
    }

    /** A valid, solved Zendesk-like ticket, answered after 35 minutes by Maya Patel and rated Good. */
    static Map<String, String> zendeskTicket(String id) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Id", id);
        row.put("Requester", "Ann Lee");
        row.put("Requester email", "ann.lee@example.com");
        row.put("Subject", "Parcel not delivered");
        row.put("Description", "Where is my parcel?\nOrder ORD-1001, placed on Monday, \"express\".");
        row.put("Via", "Mail");
        row.put("Priority", "High");
        row.put("Status", "Solved");
        row.put("Group", "Delivery");
        row.put("Assignee", "Maya Patel");
        row.put("Created at", "2024-03-04 09:15");
        row.put("Solved at", "2024-03-04 16:40");
        row.put("First reply time in minutes", "35");
        row.put("Satisfaction Score", "Good");
        return row;
    }

    /** The mapping of the Freshdesk-like layout: New York times with seconds, phone numbers, numeric CSAT. */
    static ColumnMapping.Builder freshdeskMapping() {
        TimeFormat format = TimeFormat.pattern("dd/MM/yyyy HH:mm:ss");
        return ColumnMapping.builder()
                .ticketId("Ticket ID")
                .subject("Subject")
                .messageText("Description")
                .status("Status")
                .statusValue("Waiting on Customer", CaseStatus.PENDING_CUSTOMER)
                .statusValue("Waiting on Third Party", CaseStatus.ON_HOLD)
                .priority("Priority")
                .priorityValue("Medium", Priority.NORMAL)
                .channel("Source")
                .channelValue("Portal", Channel.WEB_FORM)
                .category("Type")
                .agent("Agent")
                .createdAt("Created time", format)
                .firstReplyAt("Initial response time", format)
                .resolvedAt("Resolved time", format)
                .closedAt("Closed time", format)
                .customerName("Full name")
                .customerEmail("Email")
                .customerPhone("Work phone")
                .csat("Customer satisfaction")
                .csatComment("Satisfaction comment")
                .timeZone(NEW_YORK)
                .externalIdPrefix("freshdesk:");
    }

    /** A valid, closed Freshdesk-like ticket from a phone call, rated 4 with a comment. */
    static Map<String, String> freshdeskTicket(String id) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Ticket ID", id);
        row.put("Subject", "Invoice shows the wrong address");
        row.put("Description", "Called about invoice INV-77; billing address is outdated");
        row.put("Status", "Closed");
        row.put("Priority", "Medium");
        row.put("Source", "Phone");
        row.put("Type", "Billing & Payments");
        row.put("Agent", "Omar Said");
        row.put("Created time", "12/02/2024 08:05:10");
        row.put("Initial response time", "12/02/2024 08:05:40");
        row.put("Resolved time", "13/02/2024 10:00:00");
        row.put("Closed time", "15/02/2024 10:00:00");
        row.put("Full name", "Bob Stone");
        row.put("Email", "");
        row.put("Work phone", "+1 (212) 555-0147");
        row.put("Customer satisfaction", "4");
        row.put("Satisfaction comment", "Quick, thanks; but \"hold music\" was loud");
        return row;
    }

    /** A row like the given one, with one column changed. */
    static Map<String, String> with(Map<String, String> row, String column, String value) {
        Map<String, String> changed = new LinkedHashMap<>(row);
        changed.put(column, value);
        return changed;
    }

    /** A file with a header line and the rows, in the columns' order, separated by the delimiter, lines by CRLF. */
    @SafeVarargs
    static String csv(List<String> columns, char delimiter, Map<String, String>... rows) {
        List<List<String>> records = new ArrayList<>();
        records.add(columns);
        for (Map<String, String> row : rows) {
            records.add(columns.stream().map(c -> row.getOrDefault(c, "")).toList());
        }
        return write(records, delimiter);
    }

    /** A Zendesk-like file. */
    @SafeVarargs
    static String zendesk(Map<String, String>... rows) {
        return csv(ZENDESK_COLUMNS, ',', rows);
    }

    /** Records as RFC 4180 text, quoting where needed. */
    static String write(List<List<String>> records, char delimiter) {
        StringBuilder out = new StringBuilder();
        for (List<String> record : records) {
            for (int i = 0; i < record.size(); i++) {
                if (i > 0) {
                    out.append(delimiter);
                }
                String value = record.get(i);
                if (value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                        || value.indexOf('\n') >= 0) {
                    out.append('"').append(value.replace("\"", "\"\"")).append('"');
                } else {
                    out.append(value);
                }
            }
            out.append("\r\n");
        }
        return out.toString();
    }
}
