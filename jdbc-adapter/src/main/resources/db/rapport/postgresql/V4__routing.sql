-- Rapport storage schema, version 4: routing's shared state and the agents' change feed, for PostgreSQL 14 or later.
--
-- ${prefix} is the table prefix, as in V1__init.sql; names here are never schema-qualified. Encodings as in V1:
-- instants are timestamptz (microseconds), enums are their names, locales are language tags, collection fields are
-- compact JSON text written by the adapter. Routing state names cases and agents by id only: no foreign keys, so
-- that it never holds up a write to the cases or agents it refers to.

-- Waiting work, one row per case, with its open offer (offer_* columns, all null when it has none) and the capacity
-- its current assignee holds (move_* columns, all null when none). Optimistically locked by version.
CREATE TABLE ${prefix}routing_work (
    case_id          UUID          NOT NULL,
    channel          VARCHAR(32)   NOT NULL,
    priority         VARCHAR(16)   NOT NULL,
    required_skills  TEXT          NOT NULL,
    optional_skills  TEXT          NOT NULL,
    language         VARCHAR(100),
    team             VARCHAR(64),
    preferred_agents TEXT          NOT NULL,
    sla_due_at       TIMESTAMPTZ,
    requested_at     TIMESTAMPTZ   NOT NULL,
    queued_at        TIMESTAMPTZ   NOT NULL,
    excluded         TEXT          NOT NULL,
    move_case_id     UUID,
    move_agent_id    UUID,
    move_channel     VARCHAR(32),
    move_units       INTEGER,
    move_since       TIMESTAMPTZ,
    offer_id         UUID,
    offer_agent_id   UUID,
    offer_channel    VARCHAR(32),
    offer_units      INTEGER,
    offered_at       TIMESTAMPTZ,
    offer_expires_at TIMESTAMPTZ,
    version          BIGINT        NOT NULL,
    CONSTRAINT ${prefix}routing_work_pk PRIMARY KEY (case_id)
);

-- serves RoutingRepository.findWorkByOffer: an agent's answer finds its offer by id
CREATE UNIQUE INDEX ${prefix}routing_work_offer_idx ON ${prefix}routing_work (offer_id);

-- The capacity an agent holds for a case routing assigned, one row per case, until it is given back.
CREATE TABLE ${prefix}routing_holding (
    case_id  UUID          NOT NULL,
    agent_id UUID          NOT NULL,
    channel  VARCHAR(32)   NOT NULL,
    units    INTEGER       NOT NULL,
    since    TIMESTAMPTZ   NOT NULL,
    CONSTRAINT ${prefix}routing_holding_pk PRIMARY KEY (case_id)
);

-- When the database wrote each agent's current version, by its own clock: the adapter sets it to clock_timestamp()
-- on every insert and update. The default is only for rows written by something else. Adding a column whose
-- default is stable (now() is, clock_timestamp() is not) is a change of the catalogue only: no table rewrite, and
-- every existing agent reads as written at this migration's time, on the feed's scale.
ALTER TABLE ${prefix}agent ADD COLUMN IF NOT EXISTS written_at TIMESTAMPTZ NOT NULL DEFAULT now();
-- serves AgentRepository.changedSince: written_at >= ? AND (written_at > ? OR id > ?) ORDER BY written_at, id.
-- Built in this transaction, after the ADD COLUMN whose ACCESS EXCLUSIVE lock lasts until the commit, so agent
-- reads and writes wait while it runs (one row per agent: about 30 ms per 10,000 agents). For a table too large
-- for that, add the column and build the index beforehand with CREATE INDEX CONCURRENTLY IF NOT EXISTS (see
-- jdbc-adapter/README.md); this script then finds both.
CREATE INDEX IF NOT EXISTS ${prefix}agent_written_idx ON ${prefix}agent (written_at, id);
