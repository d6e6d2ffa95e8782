-- Rapport storage schema, version 4: routing's shared state and the agents' change feed, for H2 2.x.
--
-- ${prefix} is the table prefix, as in V1__init.sql; names here are never schema-qualified. Encodings as in V1:
-- instants are TIMESTAMP(6) WITH TIME ZONE, enums are their names, locales are language tags, collection fields
-- are compact JSON text written by the adapter; the excluded agents are CHARACTER LARGE OBJECT, since a thousand
-- exclusions with their details may exceed what CHARACTER VARYING holds. Routing state names cases and agents by id
-- only: no foreign keys, so that it never holds up a write to the cases or agents it refers to.

-- Waiting work, one row per case, with its open offer (offer_* columns, all null when it has none) and the capacity
-- its current assignee holds (move_* columns, all null when none). Optimistically locked by version.
CREATE TABLE ${prefix}routing_work (
    case_id          UUID          NOT NULL,
    channel          VARCHAR(32)   NOT NULL,
    priority         VARCHAR(16)   NOT NULL,
    required_skills  CHARACTER VARYING NOT NULL,
    optional_skills  CHARACTER VARYING NOT NULL,
    language         VARCHAR(100),
    team             VARCHAR(64),
    preferred_agents CHARACTER VARYING NOT NULL,
    sla_due_at       TIMESTAMP(6) WITH TIME ZONE,
    requested_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    queued_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    excluded         CHARACTER LARGE OBJECT NOT NULL,
    move_case_id     UUID,
    move_agent_id    UUID,
    move_channel     VARCHAR(32),
    move_units       INTEGER,
    move_since       TIMESTAMP(6) WITH TIME ZONE,
    offer_id         UUID,
    offer_agent_id   UUID,
    offer_channel    VARCHAR(32),
    offer_units      INTEGER,
    offered_at       TIMESTAMP(6) WITH TIME ZONE,
    offer_expires_at TIMESTAMP(6) WITH TIME ZONE,
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
    since    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}routing_holding_pk PRIMARY KEY (case_id)
);

-- When the database wrote each agent's current version, by its own clock: the adapter sets it to
-- CURRENT_TIMESTAMP(6) on every insert and update (on H2 the time the writing transaction began). The default is
-- only for rows written by something else; every existing agent reads as written at this migration's time.
ALTER TABLE ${prefix}agent ADD COLUMN IF NOT EXISTS written_at TIMESTAMP(6) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP(6) NOT NULL;
-- serves AgentRepository.changedSince: written_at >= ? AND (written_at > ? OR id > ?) ORDER BY written_at, id
CREATE INDEX IF NOT EXISTS ${prefix}agent_written_idx ON ${prefix}agent (written_at, id);
