-- Rapport storage schema, version 1, for H2 2.x.
--
-- ${prefix} is the table prefix (default rapport_). Rapport's built-in migrator replaces it; with Flyway set the
-- placeholder "prefix" (flyway.placeholders.prefix=rapport_), with Liquibase a changelog property named "prefix".
-- To keep Rapport's tables in their own schema, run this script with that schema first on the search path
-- (Flyway: flyway.schemas=<schema>; H2: SET SCHEMA); names here are never schema-qualified.
--
-- Encodings: instants are TIMESTAMP(6) WITH TIME ZONE; money is NUMERIC(19,4) plus an ISO 4217 code; locales are
-- language tags; time zones are zone ids; collection fields are compact JSON text written by the adapter
-- (objects keyed by channel code or attribute code, arrays in the value's own order).

CREATE TABLE ${prefix}customer (
    id                   UUID          NOT NULL,
    name                 CHARACTER VARYING          NOT NULL,
    preferred_channel    VARCHAR(32),
    locale               VARCHAR(100)  NOT NULL,
    time_zone            VARCHAR(100)  NOT NULL,
    birthday             DATE,
    segment              VARCHAR(64),
    consents             CHARACTER VARYING          NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    acquisition_cost     NUMERIC(19,4),
    acquisition_currency VARCHAR(3),
    attributes           CHARACTER VARYING          NOT NULL,
    created_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version              BIGINT        NOT NULL,
    CONSTRAINT ${prefix}customer_pk PRIMARY KEY (id)
);
-- serves CustomerRepository.list: ORDER BY created_at, id
CREATE INDEX ${prefix}customer_created_idx ON ${prefix}customer (created_at, id);

CREATE TABLE ${prefix}customer_identity (
    customer_id UUID         NOT NULL,
    ordinal     INTEGER      NOT NULL,
    channel     VARCHAR(32)  NOT NULL,
    address     CHARACTER VARYING         NOT NULL,
    normalized  CHARACTER VARYING         NOT NULL,
    is_primary  BOOLEAN      NOT NULL,
    verified    BOOLEAN      NOT NULL,
    CONSTRAINT ${prefix}customer_identity_pk PRIMARY KEY (customer_id, ordinal),
    CONSTRAINT ${prefix}customer_identity_customer_fk FOREIGN KEY (customer_id)
        REFERENCES ${prefix}customer (id) ON DELETE CASCADE
);
-- serves CustomerRepository.findByIdentity, and keeps one address with one customer
CREATE UNIQUE INDEX ${prefix}customer_identity_uk ON ${prefix}customer_identity (channel, normalized);

CREATE TABLE ${prefix}interaction (
    id                       UUID          NOT NULL,
    customer_id              UUID          NOT NULL,
    channel                  VARCHAR(32)   NOT NULL,
    direction                VARCHAR(16)   NOT NULL,
    occurred_at              TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    agent_id                 UUID,
    case_id                  UUID,
    kind                     VARCHAR(32)   NOT NULL,
    handled_by               VARCHAR(16)   NOT NULL,
    visibility               VARCHAR(16)   NOT NULL,
    talk_nanos               BIGINT,
    hold_nanos               BIGINT,
    after_contact_work_nanos BIGINT,
    summary                  CHARACTER VARYING,
    external_id              CHARACTER VARYING,
    order_ref                CHARACTER VARYING,
    amount                   NUMERIC(19,4),
    currency                 VARCHAR(3),
    reason                   VARCHAR(64),
    recorded_at              TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}interaction_pk PRIMARY KEY (id)
);
-- serves InteractionRepository.findByExternalId, and makes recording an external id idempotent
CREATE UNIQUE INDEX ${prefix}interaction_external_uk ON ${prefix}interaction (external_id);
-- serves InteractionRepository.findByCustomer: customer_id = ? AND occurred_at in range ORDER BY occurred_at, id
CREATE INDEX ${prefix}interaction_customer_idx ON ${prefix}interaction (customer_id, occurred_at, id);
-- serves InteractionRepository.findByCase: case_id = ? ORDER BY occurred_at, id
CREATE INDEX ${prefix}interaction_case_idx ON ${prefix}interaction (case_id, occurred_at, id);
-- serves InteractionRepository.findOccurredBetween: occurred_at in range ORDER BY occurred_at, id
CREATE INDEX ${prefix}interaction_occurred_idx ON ${prefix}interaction (occurred_at, id);

CREATE TABLE ${prefix}support_case (
    id                UUID          NOT NULL,
    customer_id       UUID          NOT NULL,
    subject           CHARACTER VARYING          NOT NULL,
    category          VARCHAR(64),
    case_type         VARCHAR(64),
    priority          VARCHAR(16)   NOT NULL,
    origin_channel    VARCHAR(32)   NOT NULL,
    language          VARCHAR(100),
    required_skills   CHARACTER VARYING          NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    assignee          UUID,
    team              VARCHAR(64),
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    first_reply_at    TIMESTAMP(6) WITH TIME ZONE,
    first_resolved_at TIMESTAMP(6) WITH TIME ZONE,
    resolved_at       TIMESTAMP(6) WITH TIME ZONE,
    closed_at         TIMESTAMP(6) WITH TIME ZONE,
    reopen_count      INTEGER       NOT NULL,
    history           CHARACTER VARYING          NOT NULL,
    updated_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version           BIGINT        NOT NULL,
    CONSTRAINT ${prefix}support_case_pk PRIMARY KEY (id)
);
-- serves CaseRepository.findByCustomer: customer_id = ? ORDER BY created_at, id
CREATE INDEX ${prefix}support_case_customer_idx ON ${prefix}support_case (customer_id, created_at, id);
-- serves CaseRepository.findByStatus: status IN (...) ORDER BY created_at, id
CREATE INDEX ${prefix}support_case_status_idx ON ${prefix}support_case (status, created_at, id);
-- serves CaseRepository.findCreatedBetween: created_at in range ORDER BY created_at, id
CREATE INDEX ${prefix}support_case_created_idx ON ${prefix}support_case (created_at, id);

CREATE TABLE ${prefix}feedback (
    id              UUID          NOT NULL,
    customer_id     UUID          NOT NULL,
    metric          VARCHAR(16)   NOT NULL,
    scale_min       INTEGER       NOT NULL,
    scale_max       INTEGER       NOT NULL,
    scale_direction VARCHAR(20)   NOT NULL,
    score           INTEGER       NOT NULL,
    comment_text    CHARACTER VARYING,
    received_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    case_id         UUID,
    interaction_id  UUID,
    order_ref       CHARACTER VARYING,
    agent_id        UUID,
    channel         VARCHAR(32),
    CONSTRAINT ${prefix}feedback_pk PRIMARY KEY (id)
);
-- serves FeedbackRepository.findByCase: case_id = ? ORDER BY received_at, id
CREATE INDEX ${prefix}feedback_case_idx ON ${prefix}feedback (case_id, received_at, id);
-- serves FeedbackRepository.findByCustomer: customer_id = ? ORDER BY received_at, id
CREATE INDEX ${prefix}feedback_customer_idx ON ${prefix}feedback (customer_id, received_at, id);
-- serves FeedbackRepository.findReceivedBetween: received_at in range ORDER BY received_at, id
CREATE INDEX ${prefix}feedback_received_idx ON ${prefix}feedback (received_at, id);

CREATE TABLE ${prefix}follow_up (
    id              UUID          NOT NULL,
    customer_id     UUID          NOT NULL,
    case_id         UUID,
    kind            VARCHAR(64)   NOT NULL,
    channel         VARCHAR(32)   NOT NULL,
    due_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP(6) WITH TIME ZONE,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    idempotency_key CHARACTER VARYING          NOT NULL,
    lease_owner     CHARACTER VARYING,
    lease_until     TIMESTAMP(6) WITH TIME ZONE,
    last_error      CHARACTER VARYING,
    cancel_reason   CHARACTER VARYING,
    item_values     CHARACTER VARYING          NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version         BIGINT        NOT NULL,
    CONSTRAINT ${prefix}follow_up_pk PRIMARY KEY (id)
);
-- serves FollowUpRepository.findByIdempotencyKey, and makes scheduling idempotent
CREATE UNIQUE INDEX ${prefix}follow_up_key_uk ON ${prefix}follow_up (idempotency_key);
-- serves FollowUpRepository.findByCustomer: customer_id = ? ORDER BY due_at, id
CREATE INDEX ${prefix}follow_up_customer_idx ON ${prefix}follow_up (customer_id, due_at, id);
-- serves FollowUpRepository.findByStatus (status IN (...) ORDER BY due_at, id) and claimDue's
-- status = 'SCHEDULED' AND due_at <= now() ORDER BY due_at, id
CREATE INDEX ${prefix}follow_up_status_idx ON ${prefix}follow_up (status, due_at, id);
-- serves claimDue's second branch: status = 'CLAIMED' AND lease_until < now() (leases of dead dispatchers)
CREATE INDEX ${prefix}follow_up_lease_idx ON ${prefix}follow_up (lease_until);

CREATE TABLE ${prefix}agent (
    id               UUID          NOT NULL,
    name             CHARACTER VARYING          NOT NULL,
    skills           CHARACTER VARYING          NOT NULL,
    languages        CHARACTER VARYING          NOT NULL,
    capacity         CHARACTER VARYING          NOT NULL,
    presence         VARCHAR(16)   NOT NULL,
    work_load        CHARACTER VARYING          NOT NULL,
    last_assigned_at CHARACTER VARYING          NOT NULL,
    team             VARCHAR(64),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    version          BIGINT        NOT NULL,
    CONSTRAINT ${prefix}agent_pk PRIMARY KEY (id)
);
-- serves AgentRepository.list: ORDER BY created_at, id
CREATE INDEX ${prefix}agent_created_idx ON ${prefix}agent (created_at, id);
-- serves AgentRepository.findByTeam: team = ? ORDER BY created_at, id
CREATE INDEX ${prefix}agent_team_idx ON ${prefix}agent (team, created_at, id);

-- The transactional outbox: one row per domain event not yet delivered, or parked as a dead letter.
CREATE TABLE ${prefix}outbox (
    id            BIGINT        GENERATED BY DEFAULT AS IDENTITY,
    event_id      UUID          NOT NULL,
    aggregate_id  VARCHAR(200)  NOT NULL,
    aggregate_seq BIGINT        NOT NULL,
    event_type    VARCHAR(64)   NOT NULL,
    payload       CHARACTER VARYING          NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    attempts      INTEGER       NOT NULL,
    available_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    lease_owner   CHARACTER VARYING,
    lease_until   TIMESTAMP(6) WITH TIME ZONE,
    last_error    CHARACTER VARYING,
    appended_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    claim_version BIGINT        NOT NULL,
    CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (id)
);
-- serves EventOutbox.redrive and markDelivered by event id, and skips an event appended twice
CREATE UNIQUE INDEX ${prefix}outbox_event_uk ON ${prefix}outbox (event_id);
-- serves EventOutbox.claim's check that no earlier event of the same aggregate is still pending
CREATE UNIQUE INDEX ${prefix}outbox_aggregate_uk ON ${prefix}outbox (aggregate_id, aggregate_seq);
-- serves EventOutbox.claim (status = 'PENDING' ORDER BY id), deadLetters and pendingCount
CREATE INDEX ${prefix}outbox_status_idx ON ${prefix}outbox (status, id);

-- Per-aggregate event counters: the row lock taken when an event is appended orders concurrent appenders of one
-- aggregate by commit.
CREATE TABLE ${prefix}outbox_sequence (
    aggregate_id VARCHAR(200) NOT NULL,
    last_seq     BIGINT       NOT NULL,
    CONSTRAINT ${prefix}outbox_sequence_pk PRIMARY KEY (aggregate_id)
);
