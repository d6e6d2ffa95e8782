-- The rule that planned a follow-up and, for date rules, the occasion date it was planned for, as columns: until
-- now they were read back out of the idempotency key. Rule keys are '<ruleId>/<subject>' (keys of follow-ups the
-- host scheduled are 'direct/...', erased ones 'erased/<id>', those freed by a reopen 'released/<id>/<key>'); date
-- rules' subjects are 'customer:<customerId>:<yyyy-mm-dd>'.
ALTER TABLE ${prefix}follow_up ADD COLUMN IF NOT EXISTS rule_id VARCHAR(64);
ALTER TABLE ${prefix}follow_up ADD COLUMN IF NOT EXISTS occasion_date DATE;

-- backfill from the keys of follow-ups stored before this version
UPDATE ${prefix}follow_up SET rule_id = substring(
        CASE WHEN idempotency_key LIKE 'released/%' THEN substr(idempotency_key, 47) ELSE idempotency_key END
        from '^([a-z][a-z0-9_-]{0,63})/')
    WHERE rule_id IS NULL AND idempotency_key NOT LIKE 'direct/%' AND idempotency_key NOT LIKE 'erased/%';
UPDATE ${prefix}follow_up SET occasion_date = CAST(substring(idempotency_key
        from '/customer:[^/:]+:([0-9]{4}-[0-9]{2}-[0-9]{2})$') AS DATE)
    WHERE occasion_date IS NULL AND rule_id IS NOT NULL
      AND idempotency_key ~ '/customer:[^/:]+:[0-9]{4}-[0-9]{2}-[0-9]{2}$';
