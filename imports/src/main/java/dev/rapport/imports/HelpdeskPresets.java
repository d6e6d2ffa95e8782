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
     * Zendesk's CSV ticket export (Admin Center, Account, Tools, Reports, Export). Column names as Zendesk's article
     * "Exporting ticket, user, or organization data from your account" lists them (the export writes the first as
     * {@code Id}; names are compared regardless of case): {@code Id}, {@code Requester}, {@code Requester email},
     * {@code Subject}, {@code Via}, {@code Priority}, {@code Status}, {@code Group}, {@code Assignee},
     * {@code Created at}, {@code Solved at}, {@code First reply time in minutes}, {@code Satisfaction Score}
     * ({@code Good} as 5, {@code Bad} as 1; {@code Offered}, {@code Not Offered} and the API's {@code Unoffered} mean
     * no answer). The article says the times are written in the account's time zone, so set
     * {@link ColumnMapping.Builder#timeZone} to it, and that the CSV holds no description. Not confirmed by that
     * documentation: the time format (read as {@code yyyy-MM-dd HH:mm[:ss]}) and the {@code Via} values mapped
     * ({@code Mail}, {@code Web form}, {@code Web service}, {@code Voice}...).
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
                .statusValue("On-hold", CaseStatus.ON_HOLD)
                .category("Group").agent("Assignee")
                .createdAt("Created at", time).resolvedAt("Solved at", time)
                .firstReplyMinutes("First reply time in minutes")
                .csat("Satisfaction Score").csatValue("Good", 5).csatValue("Bad", 1)
                .csatIgnored("Offered").csatIgnored("Not Offered").csatIgnored("Unoffered")
                .externalIdPrefix("zendesk:");
    }

    /**
     * Freshdesk's ticket export (Tickets, Export, CSV). The column names are not confirmed by documentation: no
     * public page listing the export's headers was found, and the preset keeps the names it had: {@code Ticket ID},
     * {@code Subject}, {@code Description}, {@code Status}, {@code Priority}, {@code Source}, {@code Type},
     * {@code Agent}, {@code Created time}, {@code Initial response time}, {@code Resolved time}, {@code Closed time},
     * {@code Full name}, {@code Email}, {@code Work phone}, times read as {@code yyyy-MM-dd HH:mm[:ss]} (also not
     * confirmed). The values are those Freshdesk's API documentation lists:
     * statuses {@code Open}, {@code Pending}, {@code Resolved}, {@code Closed}; priorities {@code Low},
     * {@code Medium}, {@code High}, {@code Urgent}; sources {@code Email}, {@code Portal}, {@code Phone},
     * {@code Chat}, {@code Feedback Widget}, {@code Outbound Email}.
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
     * Zammad's ticket download from Reporting, an Excel sheet saved as CSV from its header line on (the sheet has a
     * title and an empty line above the header, and a line naming the time zone below the tickets: leave those
     * out). Column names as Zammad's source writes them ({@code lib/excel_sheet/ticket.rb}): {@code #} (the ticket
     * number), {@code Title}, {@code State} ({@code new}, {@code open}, {@code pending reminder},
     * {@code pending close}, {@code closed}, {@code merged}), {@code Priority} ({@code 1 low}, {@code 2 normal},
     * {@code 3 high}), {@code Group}, {@code Owner}, {@code Customer}, {@code Create Channel} (the first article's
     * type: {@code email}, {@code phone}, {@code web}...), {@code Created At}, {@code Closed At},
     * {@code First Response At}, times written {@code yyyy-MM-dd HH:mm:ss} in the zone the sheet names (set
     * {@link ColumnMapping.Builder#timeZone}). The sheet names the customer but not their address: the preset
     * expects it under {@code Customer Email}, a column the host adds (assumed, not in Zammad's sheet).
     *
     * @return the preset
     */
    public static ColumnMapping.Builder zammad() {
        TimeFormat time = TimeFormat.pattern("yyyy-MM-dd HH:mm[:ss]");
        return ColumnMapping.builder()
                .ticketId("#").subject("Title")
                .status("State").statusValue("closed", CaseStatus.CLOSED).statusValue("pending reminder",
                        CaseStatus.PENDING_CUSTOMER).statusValue("pending close", CaseStatus.PENDING_CUSTOMER)
                .statusValue("merged", CaseStatus.CLOSED)
                .priority("Priority").priorityValue("1 low", Priority.LOW).priorityValue("2 normal", Priority.NORMAL)
                .priorityValue("3 high", Priority.HIGH)
                .category("Group").agent("Owner").customerName("Customer").customerEmail("Customer Email")
                .channel("Create Channel").channelValue("web", Channel.WEB_FORM).channelValue("phone", Channel.PHONE)
                .channelValue("email", Channel.EMAIL)
                .defaultChannel(Channel.EMAIL)
                .createdAt("Created At", time).firstReplyAt("First Response At", time)
                .resolvedAt("Closed At", time)
                .externalIdPrefix("zammad:");
    }

    /**
     * A FreeScout conversation list saved as CSV. FreeScout has no ticket export of its own documented, so the
     * column names are not confirmed by documentation; they follow the conversation fields FreeScout's documentation
     * names (customer name and email, status, type, assignee, date created): {@code Number}, {@code Subject},
     * {@code Customer Name}, {@code Customer Email}, {@code Status}, {@code Assignee}, {@code Type},
     * {@code Created At}, {@code Closed At}, times read as {@code yyyy-MM-dd HH:mm[:ss]}. The values are FreeScout's
     * documented ones: statuses {@code Active}, {@code Pending}, {@code Closed} ({@code Spam} rows are rejected as
     * an unknown status), types {@code Email}, {@code Phone} (and {@code Chat} from its chat modules). For osTicket
     * exports see {@link #osTicket()}.
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
     * osTicket's ticket export (Agent panel, a queue, Export), whose default headers are those osTicket's source
     * gives its exportable fields ({@code include/class.queue.php}): {@code Ticket Number}, {@code Date Created},
     * {@code Subject}, {@code From}, {@code From Email}, {@code Priority} ({@code Low}, {@code Normal},
     * {@code High}, {@code Emergency}), {@code Department}, {@code Source} ({@code Web}, {@code Email},
     * {@code Phone}, {@code API}, {@code Other}), {@code Current Status} ({@code Open}, {@code Resolved},
     * {@code Closed}, {@code Archived}), {@code Agent Assigned}, {@code Closed Date}. osTicket writes a byte-order
     * mark, which the reader drops, and a semicolon as separator in locales with a decimal comma (set
     * {@link TicketImporter.Builder#delimiter}). Not confirmed by documentation: the time format, read as the
     * database writes it, {@code yyyy-MM-dd HH:mm[:ss]}, in the server's zone.
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
                .statusValue("Archived", CaseStatus.CLOSED)
                .agent("Agent Assigned")
                .createdAt("Date Created", time).resolvedAt("Closed Date", time)
                .externalIdPrefix("osticket:");
    }

    /**
     * Jira Service Management's issue export (Filters, Export, CSV). No Atlassian page listing the headers was
     * found; the names are those a Jira Cloud export writes: {@code Issue key}, {@code Summary},
     * {@code Description}, {@code Status}, {@code Priority} ({@code Highest}, {@code High}, {@code Medium},
     * {@code Low}, {@code Lowest}), {@code Issue Type}, {@code Assignee}, {@code Reporter}, {@code Created},
     * {@code Resolved}, {@code Custom field (Satisfaction)}, times written in the exporting user's format, by
     * default {@code dd/MMM/yy h:mm a} ({@code 04/Mar/24 9:15 AM}) in their zone. The export names the reporter and
     * gives their account id, not their address: the preset expects it under {@code Reporter email}, a column the
     * host adds (assumed, not in Jira's export).
     *
     * @return the preset
     */
    public static ColumnMapping.Builder jiraServiceManagement() {
        TimeFormat time = TimeFormat.pattern("dd/MMM/yy h:mm a");
        return ColumnMapping.builder()
                .ticketId("Issue key").subject("Summary").messageText("Description")
                .status("Status").statusValue("To Do", CaseStatus.NEW).statusValue("In Progress", CaseStatus.OPEN)
                .statusValue("Waiting for customer", CaseStatus.PENDING_CUSTOMER)
                .statusValue("Waiting for support", CaseStatus.OPEN).statusValue("Escalated", CaseStatus.OPEN)
                .statusValue("Pending", CaseStatus.ON_HOLD).statusValue("Done", CaseStatus.RESOLVED)
                .statusValue("Resolved", CaseStatus.RESOLVED).statusValue("Canceled", CaseStatus.CLOSED)
                .priority("Priority").priorityValue("Highest", Priority.URGENT).priorityValue("Medium",
                        Priority.NORMAL).priorityValue("Lowest", Priority.LOW)
                .category("Issue Type").agent("Assignee").customerName("Reporter").customerEmail("Reporter email")
                .defaultChannel(Channel.WEB_FORM)
                .createdAt("Created", time).resolvedAt("Resolved", time)
                .csat("Custom field (Satisfaction)")
                .externalIdPrefix("jsm:");
    }

    /**
     * HubSpot's ticket export (CRM, Tickets, Export), whose headers are the property labels. HubSpot's documentation
     * confirms {@code Ticket name}, {@code Ticket status} and {@code Ticket owner}; not confirmed by documentation:
     * {@code Ticket ID}, {@code Ticket description}, {@code Priority}, {@code Source}, {@code Category},
     * {@code Create date}, {@code Close date}, the time format (read as {@code yyyy-MM-dd HH:mm[:ss]}), and the
     * associated contact's {@code Email} and {@code Contact name} (assumed). Values: the default pipeline's statuses
     * {@code New}, {@code Waiting on contact}, {@code Waiting on us}, {@code Closed}; sources {@code Chat},
     * {@code Email}, {@code Form}, {@code Phone}.
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
