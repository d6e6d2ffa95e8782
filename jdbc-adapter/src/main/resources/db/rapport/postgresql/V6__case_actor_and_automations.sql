-- Who did what on a case, and case automations.

-- Who made each move of a case, and why, is kept in the move itself, inside the history column's JSON (keys
-- actorKind, actor and reason); moves written before carry none and read back as the system's. No column changes.

-- until when automation rules leave a case alone; NULL when it is not snoozed
ALTER TABLE ${prefix}support_case ADD COLUMN IF NOT EXISTS snoozed_until TIMESTAMP(6) WITH TIME ZONE;

-- One row per firing of an automation rule on a case. The key makes a rule fire at most once per case and
-- occasion (the instant the case became eligible, such as its last status change), whichever node tries first.
CREATE TABLE ${prefix}automation_firing (
    rule_name  VARCHAR(200)  NOT NULL,
    case_id    UUID          NOT NULL,
    occasion   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    fired_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    outcome    TEXT NOT NULL,
    CONSTRAINT ${prefix}automation_firing_pk PRIMARY KEY (rule_name, case_id, occasion)
);
-- serves AutomationFirings.findByCase: case_id = ? ORDER BY fired_at
CREATE INDEX IF NOT EXISTS ${prefix}automation_firing_case_idx ON ${prefix}automation_firing (case_id, fired_at);
-- serves AutomationFirings.candidates: status IN (...) AND id > ? ORDER BY id
CREATE INDEX IF NOT EXISTS ${prefix}support_case_status_id_idx ON ${prefix}support_case (status, id);
