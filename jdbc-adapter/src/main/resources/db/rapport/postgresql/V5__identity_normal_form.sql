-- Customers as people: identity normal form 2, the customer's own agent, and merge records.

-- Normal form 2 of contact identities (NFC, case folding, E.164; see ContactIdentity). Rows written before carry
-- form 1 (lower case only); JdbcStorage recomputes them in Java when it migrates (JdbcStorage.renormalizeIdentities),
-- because neither dialect folds case or normalises Unicode as Java does.
ALTER TABLE ${prefix}customer_identity ADD COLUMN IF NOT EXISTS normal_form INTEGER DEFAULT 1 NOT NULL;

-- the agent who looks after the customer; routing offers the customer's cases to them first
ALTER TABLE ${prefix}customer ADD COLUMN IF NOT EXISTS own_agent UUID;

-- One row per customer merged into another; the merged customer itself is removed.
CREATE TABLE ${prefix}customer_merge (
    merged_id  UUID          NOT NULL,
    into_id    UUID          NOT NULL,
    merged_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    actor      TEXT NOT NULL,
    CONSTRAINT ${prefix}customer_merge_pk PRIMARY KEY (merged_id)
);
-- serves CustomerMerges.findInto
CREATE INDEX IF NOT EXISTS ${prefix}customer_merge_into_idx ON ${prefix}customer_merge (into_id, merged_at);
