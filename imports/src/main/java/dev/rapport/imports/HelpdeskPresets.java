package dev.rapport.imports;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Column mappings for the ticket exports of common helpdesks, as starting points: each method returns a
 * {@link ColumnMapping.Builder} set up for the product's CSV export (column names, time formats, status and channel
 * values), which the host can change before building, for example to set the time zone the export was written in
 * ({@link ColumnMapping.Builder#timeZone}, default UTC) or a column its export names differently. docs/imports.md
 * lists each preset's columns and where they come from. Each preset sets an external-id prefix of its own
 * ({@code "zendesk:"}...), so the same ticket number from two products never collides. Stateless and thread-safe.
 *
 * <pre>{@code
 * ColumnMapping mapping = HelpdeskPresets.freshdesk().timeZone(ZoneId.of("Europe/Berlin")).build();
 * }</pre>
 */
public final class HelpdeskPresets {

    private static final Map<String, Supplier<ColumnMapping.Builder>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("zendesk", HelpdeskPresets::zendesk);
        BY_NAME.put("freshdesk", HelpdeskPresets::freshdesk);
        BY_NAME.put("zammad", HelpdeskPresets::zammad);
        BY_NAME.put("freescout", HelpdeskPresets::freeScout);
        BY_NAME.put("osticket", HelpdeskPresets::osTicket);
        BY_NAME.put("jira-service-management", HelpdeskPresets::jiraServiceManagement);
        BY_NAME.put("hubspot", HelpdeskPresets::hubSpot);
    }

    private HelpdeskPresets() {
    }

    /**
     * The preset of a name, as the command line takes it: {@code zendesk}, {@code freshdesk}, {@code zammad},
     * {@code freescout}, {@code osticket}, {@code jira-service-management} or {@code hubspot} (case ignored).
     *
     * @param name the preset's name
     * @return a fresh builder of that preset
     * @throws ValidationException naming {@code preset} if no preset has that name
     */
    public static ColumnMapping.Builder named(String name) {
        Supplier<ColumnMapping.Builder> preset = name == null ? null : BY_NAME.get(name.strip()
                .toLowerCase(Locale.ROOT));
        if (preset == null) {
            throw ValidationException.of("HelpdeskPresets", "preset", "KnownPreset",
                    "must be one of " + String.join(", ", BY_NAME.keySet()));
        }
        return preset.get();
    }

    /**
     * The names {@link #named(String)} knows, in a stable order.
     *
     * @return the names
     */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
    }

    /**
     * Zendesk's CSV ticket export (Admin Center, Account, Tools, Reports, Export): {@code Id}, {@code Requester},
     * {@code Requester email}, {@code Subject}, {@code Via}, {@code Priority}, {@code Status}, {@code Group},
     * {@code Assignee}, {@code Created at}, {@code Solved at}, {@code First reply time in minutes},
     * {@code Satisfaction Score} ({@code Good}/{@code Bad}, {@code Offered} and {@code Unoffered} ignored), times
     * written {@code yyyy-MM-dd HH:mm:ss} in the account's zone. The CSV export has no description column.
     *
     * @return the preset
     */
    public static ColumnMapping.Builder zendesk() {
        TimeFormat time = TimeFormat.pattern("yyyy-MM-dd HH:mm[:ss]");
        return ColumnMapping.builder()
                .ticketId("Id").customerName("Requester").customerEmail("Requester email").subject("Subject")
                .channel("Via").channelValue("Mail", Channel.EMAIL).channelValue("Web form", Channel.WEB_FORM)
                .channelValue("Web service", Channel.WEB_FORM).channelValue("Voice", Channel.PHONE)
                .channelValue("Chat", Channel.CHAT).channelValue("Twitter", Channel.X)
                .channelValue("Facebook", Channel.FACEBOOK).channelValue("WhatsApp", Channel.WHATSAPP)
                .channelValue("SMS", Channel.SMS).defaultChannel(Channel.EMAIL)
                .priority("Priority").priorityValue("Urgent", Priority.URGENT)
                .status("Status").statusValue("Solved", CaseStatus.RESOLVED).statusValue("Pending",
                        CaseStatus.PENDING_CUSTOMER).statusValue("Hold", CaseStatus.ON_HOLD)
                .category("Group").agent("Assignee")
                .createdAt("Created at", time).resolvedAt("Solved at", time)
                .firstReplyMinutes("First reply time in minutes")
                .csat("Satisfaction Score").csatValue("Good", 5).csatValue("Bad", 1)
                .csatIgnored("Offered").csatIgnored("Unoffered")
                .externalIdPrefix("zendesk:");
    }

    /**
     * Freshdesk's ticket export (Tickets, Export, CSV): {@code Ticket ID}, {@code Subject}, {@code Description},
     * {@code Status}, {@code Priority}, {@code Source}, {@code Type}, {@code Agent}, {@code Created time},
     * {@code Initial response time}, {@code Resolved time}, {@code Closed time}, {@code Full name}, {@code Email},
     * {@code Work phone}, times written {@code yyyy-MM-dd HH:mm:ss}.
     *
     * @return the preset
     */
    public static ColumnMapping.Builder freshdesk() {
        TimeFormat time = TimeFormat.pattern("yyyy-MM-dd HH:mm[:ss]");
        return ColumnMapping.builder()
                .ticketId("Ticket ID").subject("Subject").messageText("Description")
                .status("Status").statusValue("Pending", CaseStatus.PENDING_CUSTOMER)
                .statusValue("Waiting on Customer", CaseStatus.PENDING_CUSTOMER)
                .statusValue("Waiting on Third Party", CaseStatus.ON_HOLD)
                .priority("Priority").priorityValue("Medium", Priority.NORMAL)
                .channel("Source").channelValue("Portal", Channel.WEB_FORM).channelValue("Feedback Widget",
                        Channel.WEB_FORM).channelValue("Outbound Email", Channel.EMAIL).defaultChannel(Channel.EMAIL)
                .category("Type").agent("Agent")
                .createdAt("Created time", time).firstReplyAt("Initial response time", time)
                .resolvedAt("Resolved time", time).closedAt("Closed time", time)
                .customerName("Full name").customerEmail("Email").customerPhone("Work phone")
                .externalIdPrefix("freshdesk:");
    }

    /**
     * Zammad's ticket report export (Reporting, download): {@code Number}, {@code Title}, {@code State},
     * {@code Priority} ({@code 1 low}, {@code 2 normal}, {@code 3 high}), {@code Group}, {@code Owner},
     * {@code Customer}, {@code Customer Email}, {@code Create Channel}, {@code Created At}, {@code Closed At},
     * {@code First Response At}, ISO 8601 times. The report names the customer; the address column is expected
     * under {@code Customer Email}.
     *
     * @return the preset
     */
    public static ColumnMapping.Builder zammad() {
        TimeFormat time = TimeFormat.ISO;
        return ColumnMapping.builder()
                .ticketId("Number").subject("Title")
                .status("State").statusValue("closed", CaseStatus.CLOSED).statusValue("pending reminder",
                        CaseStatus.PENDING_CUSTOMER).statusValue("pending close", CaseStatus.PENDING_CUSTOMER)
                .statusValue("merged", CaseStatus.CLOSED)
                .priority("Priority").priorityValue("1 low", Priority.LOW).priorityValue("2 normal", Priority.NORMAL)
                .priorityValue("3 high", Priority.HIGH)
                .category("Group").agent("Owner").customerName("Customer").customerEmail("Customer Email")
                .channel("Create Channel").channelValue("Web", Channel.WEB_FORM).channelValue("Phone", Channel.PHONE)
                .channelValue("Email", Channel.EMAIL).defaultChannel(Channel.EMAIL)
                .createdAt("Created At", time).firstReplyAt("First Response At", time)
                .resolvedAt("Closed At", time)
                .externalIdPrefix("zammad:");
    }

    /**
     * FreeScout's conversation export: {@code Number}, {@code Subject}, {@code Customer Name},
     * {@code Customer Email}, {@code Status} ({@code Active}, {@code Pending}, {@code Closed}, {@code Spam}),
     * {@code Assignee}, {@code Type}, {@code Created At}, {@code Closed At}, times written
     * {@code yyyy-MM-dd HH:mm:ss}; the layout osTicket users moving over also get (see {@link #osTicket()}).
     *
     * @return the preset
     */
    public static ColumnMapping.Builder freeScout() {
        TimeFormat time = TimeFormat.pattern("yyyy-MM-dd HH:mm[:ss]");
        return ColumnMapping.builder()
                .ticketId("Number").subject("Subject").customerName("Customer Name").customerEmail("Customer Email")
                .status("Status").statusValue("Active", CaseStatus.OPEN).statusValue("Pending",
                        CaseStatus.PENDING_CUSTOMER).statusValue("Closed", CaseStatus.CLOSED)
                .agent("Assignee")
                .channel("Type").channelValue("Email", Channel.EMAIL).channelValue("Phone", Channel.PHONE)
                .channelValue("Chat", Channel.CHAT).defaultChannel(Channel.EMAIL)
                .createdAt("Created At", time).resolvedAt("Closed At", time)
                .externalIdPrefix("freescout:");
    }

    /**
     * osTicket's ticket export (Agent panel, Tickets, Export), whose headers are the queue's column labels:
     * {@code Ticket Number}, {@code Date Created}, {@code Subject}, {@code From}, {@code From Email},
     * {@code Priority}, {@code Department}, {@code Source}, {@code Current Status}, {@code Agent Assigned},
     * {@code Closed Date}, times written {@code yyyy-MM-dd HH:mm:ss}. osTicket writes a byte-order mark, which the
     * reader drops, and a semicolon as separator in locales with a decimal comma (set
     * {@link TicketImporter.Builder#delimiter}).
     *
     * @return the preset
     */
    public static ColumnMapping.Builder osTicket() {
        TimeFormat time = TimeFormat.pattern("yyyy-MM-dd HH:mm[:ss]");
        return ColumnMapping.builder()
                .ticketId("Ticket Number").subject("Subject").customerName("From").customerEmail("From Email")
                .priority("Priority").priorityValue("Emergency", Priority.URGENT)
                .category("Department")
                .channel("Source").channelValue("Web", Channel.WEB_FORM).channelValue("API", Channel.WEB_FORM)
                .channelValue("Other", Channel.EMAIL).defaultChannel(Channel.EMAIL)
                .status("Current Status").statusValue("Resolved", CaseStatus.RESOLVED)
                .agent("Agent Assigned")
                .createdAt("Date Created", time).resolvedAt("Closed Date", time)
                .externalIdPrefix("osticket:");
    }

    /**
     * Jira Service Management's issue export (Filters, Export, CSV): {@code Issue key}, {@code Summary},
     * {@code Description}, {@code Status}, {@code Priority}, {@code Issue Type}, {@code Assignee}, {@code Reporter},
     * {@code Created}, {@code Resolved}, {@code Satisfaction rating}, times written {@code dd/MMM/yy h:mm a}
     * ({@code 04/Mar/24 9:15 AM}). The export names the reporter; their address is expected under
     * {@code Reporter email}.
     *
     * @return the preset
     */
    public static ColumnMapping.Builder jiraServiceManagement() {
        TimeFormat time = TimeFormat.pattern("dd/MMM/yy h:mm a");
        return ColumnMapping.builder()
                .ticketId("Issue key").subject("Summary").messageText("Description")
                .status("Status").statusValue("To Do", CaseStatus.NEW).statusValue("In Progress", CaseStatus.OPEN)
                .statusValue("Waiting for customer", CaseStatus.PENDING_CUSTOMER)
                .statusValue("Waiting for support", CaseStatus.OPEN).statusValue("Done", CaseStatus.RESOLVED)
                .statusValue("Resolved", CaseStatus.RESOLVED).statusValue("Canceled", CaseStatus.CLOSED)
                .priority("Priority").priorityValue("Highest", Priority.URGENT).priorityValue("Medium",
                        Priority.NORMAL).priorityValue("Lowest", Priority.LOW)
                .category("Issue Type").agent("Assignee").customerName("Reporter").customerEmail("Reporter email")
                .defaultChannel(Channel.WEB_FORM)
                .createdAt("Created", time).resolvedAt("Resolved", time)
                .csat("Satisfaction rating")
                .externalIdPrefix("jsm:");
    }

    /**
     * HubSpot's ticket export (CRM, Tickets, Export), whose headers are the property labels: {@code Ticket ID},
     * {@code Ticket name}, {@code Ticket description}, {@code Ticket status}, {@code Priority}, {@code Source},
     * {@code Category}, {@code Ticket owner}, {@code Create date}, {@code Close date}, and the associated contact's
     * {@code Email} and {@code Contact name}, times written {@code yyyy-MM-dd HH:mm}.
     *
     * @return the preset
     */
    public static ColumnMapping.Builder hubSpot() {
        TimeFormat time = TimeFormat.pattern("yyyy-MM-dd HH:mm[:ss]");
        return ColumnMapping.builder()
                .ticketId("Ticket ID").subject("Ticket name").messageText("Ticket description")
                .status("Ticket status").statusValue("Waiting on contact", CaseStatus.PENDING_CUSTOMER)
                .statusValue("Waiting on us", CaseStatus.OPEN).statusValue("Closed", CaseStatus.CLOSED)
                .priority("Priority").priorityValue("Medium", Priority.NORMAL)
                .channel("Source").channelValue("Form", Channel.WEB_FORM).channelValue("Chat", Channel.CHAT)
                .channelValue("Phone", Channel.PHONE).channelValue("Email", Channel.EMAIL)
                .defaultChannel(Channel.EMAIL)
                .category("Category").agent("Ticket owner")
                .customerEmail("Email").customerName("Contact name")
                .createdAt("Create date", time).resolvedAt("Close date", time)
                .externalIdPrefix("hubspot:");
    }
}
