package dev.rapport.examples;

import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.interaction.InteractionKind;
import java.time.LocalDate;
import java.util.List;

/**
 * Who and what {@link SupportMonth} simulates: the agents with their quality and pace, the channels with their
 * share and reply pace, the contact reasons with their weight and mood, and the names customers are given.
 */
final class SupportCast {

    private SupportCast() {
    }

    record AgentProfile(String name, String team, double quality, double speed, LocalDate joined,
            double weight) {
    }

    record ChannelProfile(Channel channel, double weight, double replyMedianMinutes, double sigma,
            boolean liveOnly, double resolveOnFirstReply) {
    }

    record Category(String code, double weight, InteractionKind kind, Priority priority, double mood,
            String subject) {
    }

    static final List<AgentProfile> AGENTS = List.of(
            new AgentProfile("Maya Patel", "front_line", 0.93, 0.8, null, 1.2),
            new AgentProfile("Tom Becker", "front_line", 0.81, 1.0, null, 1.1),
            new AgentProfile("Aiko Tanaka", "front_line", 0.89, 0.7, null, 1.0),
            new AgentProfile("Luis Garc\u00eda", "specialists", 0.85, 1.3, null, 0.9),
            new AgentProfile("Fatima Okafor", "specialists", 0.91, 1.1, null, 0.9),
            new AgentProfile("Sven Larsen", "front_line", 0.74, 1.4, null, 1.0),
            new AgentProfile("Chlo\u00e9 Martin", "front_line", 0.87, 0.9, null, 1.0),
            new AgentProfile("Ravi Iyer", "front_line", 0.86, 1.0, LocalDate.of(2024, 3, 27), 0.8));

    static final List<ChannelProfile> CHANNELS = List.of(
            new ChannelProfile(Channel.EMAIL, 0.32, 150, 0.9, false, 0.45),
            new ChannelProfile(Channel.CHAT, 0.22, 1.5, 0.8, true, 0.65),
            new ChannelProfile(Channel.PHONE, 0.14, 0.6, 0.7, true, 0.70),
            new ChannelProfile(Channel.WHATSAPP, 0.14, 14, 1.0, false, 0.55),
            new ChannelProfile(Channel.WEB_FORM, 0.10, 240, 0.8, false, 0.45),
            new ChannelProfile(Channel.FACEBOOK, 0.08, 50, 1.0, false, 0.50));

    static final List<Category> CATEGORIES = List.of(
            new Category("delivery", 0.26, InteractionKind.QUESTION, Priority.NORMAL, 0, "Where is my parcel?"),
            new Category("returns", 0.18, InteractionKind.REQUEST, Priority.NORMAL, 0, "I want to return an item"),
            new Category("billing", 0.14, InteractionKind.REQUEST, Priority.NORMAL, -0.03, "Charged twice"),
            new Category("product_question", 0.16, InteractionKind.QUESTION, Priority.LOW, 0.04,
                    "Does it fit my model?"),
            new Category("account", 0.08, InteractionKind.REQUEST, Priority.NORMAL, 0.02, "Cannot log in"),
            new Category("warranty", 0.08, InteractionKind.REQUEST, Priority.NORMAL, -0.02, "Broken after a week"),
            new Category("complaint", 0.10, InteractionKind.COMPLAINT, Priority.HIGH, -0.14,
                    "Very unhappy with the service"));

    static final List<String> FIRST_NAMES = List.of("Ann", "Bob", "Carla", "Deniz", "Emma", "Farid",
            "Greta", "Hiro", "Ines", "Jonas", "Kemi", "Lena", "Marek", "Nora", "Omar", "Paula", "Quentin", "Rosa",
            "Sami", "Tara", "Ugo", "Vera", "Wen", "Ximena", "Yusuf", "Zofia");
    static final List<String> LAST_NAMES = List.of("Lee", "Stone", "Rossi", "Yilmaz", "Novak", "Haddad",
            "Berg", "Sato", "Moreau", "Keller", "Adeyemi", "Fischer", "Kowalski", "Quinn", "Nasser", "Silva",
            "Dupont", "Costa", "Virtanen", "Singh");


    static Category category(String code) {
        return CATEGORIES.stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    static ChannelProfile profile(Channel channel) {
        return CHANNELS.stream().filter(c -> c.channel().equals(channel)).findFirst().orElseThrow();
    }
}
