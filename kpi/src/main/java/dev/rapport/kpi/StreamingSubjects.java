package dev.rapport.kpi;

import dev.rapport.kpi.StreamingSubjects.CaseSubject;
import dev.rapport.kpi.StreamingSubjects.ComplimentSubject;
import dev.rapport.kpi.StreamingSubjects.FeedbackSubject;
import dev.rapport.kpi.StreamingSubjects.InteractionSubject;
import dev.rapport.kpi.StreamingSubjects.SurveySubject;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.interaction.Interaction;
import java.time.Instant;
import java.util.Optional;

/**
 * The records {@link StreamingKpiQueries} groups, as {@link Subject}s: cases, interactions, compliments, survey
 * follow-ups and ratings, each placed by its own fields first, then its case's.
 */
final class StreamingSubjects {

    private StreamingSubjects() {
    }

    /** A case: placed by its creation, channel of origin, category, assignee (or the given agent), team. */
    record CaseSubject(Case supportCase, Optional<AgentId> agentOrAssignee) implements Subject {
        @Override
        public Instant at() {
            return supportCase.createdAt();
        }

        @Override
        public CustomerId customer() {
            return supportCase.customerId();
        }

        @Override
        public Optional<Channel> channel() {
            return Optional.of(supportCase.originChannel());
        }

        @Override
        public Optional<String> category() {
            return supportCase.category();
        }

        @Override
        public Optional<AgentId> agent() {
            return agentOrAssignee;
        }

        @Override
        public Optional<TeamId> team() {
            return supportCase.team();
        }

        @Override
        public Optional<Priority> priority() {
            return Optional.of(supportCase.priority());
        }

        @Override
        public Optional<Case> linkedCase() {
            return Optional.of(supportCase);
        }
    }

    /** A record that may belong to a case: its team and priority are its case's. */
    interface CaseLinked extends Subject {
        /** The case the record belongs to, if any and if stored. */
        Optional<Case> linkedCase();

        @Override
        default Optional<TeamId> team() {
            return linkedCase().flatMap(Case::team);
        }

        @Override
        default Optional<Priority> priority() {
            return linkedCase().map(Case::priority);
        }
    }

    /** An interaction: its own fields first, then its case's. */
    record InteractionSubject(Interaction interaction, Grouper grouper) implements CaseLinked {
        @Override
        public Instant at() {
            return interaction.occurredAt();
        }

        @Override
        public CustomerId customer() {
            return interaction.customerId();
        }

        @Override
        public Optional<Channel> channel() {
            return Optional.of(interaction.channel());
        }

        @Override
        public Optional<String> category() {
            return interaction.reason().or(() -> linkedCase().flatMap(Case::category));
        }

        @Override
        public Optional<AgentId> agent() {
            return interaction.agentId().or(() -> linkedCase().flatMap(Case::assignee));
        }

        @Override
        public Optional<Case> linkedCase() {
            return interaction.caseId().flatMap(grouper::caseOf);
        }
    }

    /** A compliment taken in through the complaints door, for one agent it credits (or none). */
    record ComplimentSubject(Complaint compliment, Optional<AgentId> credited, Grouper grouper)
            implements CaseLinked {
        @Override
        public Instant at() {
            return compliment.receivedAt();
        }

        @Override
        public CustomerId customer() {
            return compliment.customerId();
        }

        @Override
        public Optional<Channel> channel() {
            return Optional.of(compliment.channel());
        }

        @Override
        public Optional<String> category() {
            return linkedCase().flatMap(Case::category);
        }

        @Override
        public Optional<AgentId> agent() {
            return credited;
        }

        @Override
        public Optional<Case> linkedCase() {
            return compliment.caseId().flatMap(grouper::caseOf);
        }
    }

    /** A survey follow-up: placed by its due time, its channel, and its case's category, assignee and team. */
    record SurveySubject(FollowUp survey, Grouper grouper) implements CaseLinked {
        @Override
        public Instant at() {
            return survey.dueAt();
        }

        @Override
        public CustomerId customer() {
            return survey.customerId();
        }

        @Override
        public Optional<Channel> channel() {
            return Optional.of(survey.channel());
        }

        @Override
        public Optional<String> category() {
            return linkedCase().flatMap(Case::category);
        }

        @Override
        public Optional<AgentId> agent() {
            return linkedCase().flatMap(Case::assignee);
        }

        @Override
        public Optional<Case> linkedCase() {
            return survey.caseId().flatMap(grouper::caseOf);
        }
    }

    /** A rating: its own channel and agent first, then its case's. */
    record FeedbackSubject(Feedback feedback, Grouper grouper) implements CaseLinked {
        @Override
        public Instant at() {
            return feedback.receivedAt();
        }

        @Override
        public CustomerId customer() {
            return feedback.customerId();
        }

        @Override
        public Optional<Channel> channel() {
            return feedback.channel().or(() -> linkedCase().map(Case::originChannel));
        }

        @Override
        public Optional<String> category() {
            return linkedCase().flatMap(Case::category);
        }

        @Override
        public Optional<AgentId> agent() {
            return feedback.agentId().or(() -> linkedCase().flatMap(Case::assignee));
        }

        @Override
        public Optional<Case> linkedCase() {
            return feedback.caseId().flatMap(grouper::caseOf);
        }
    }
}
