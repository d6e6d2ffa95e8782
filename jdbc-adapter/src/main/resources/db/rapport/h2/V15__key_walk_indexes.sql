-- Indexes for the walks by key over the rows in some states (KeyWalkSql): state = ? AND id > ? ORDER BY state, id
-- LIMIT ?, one short run per state. H2 has no concurrent build; the plain builds run in the migration's transaction.

-- serves FollowUpRepository.listByStatusAfter (the streaming KPIs' sent surveys)
CREATE INDEX IF NOT EXISTS ${prefix}follow_up_status_id_idx ON ${prefix}follow_up (status, id);
-- serves ComplaintRepository.listByStageAfter (the complaint sweep, the complaint KPIs)
CREATE INDEX IF NOT EXISTS ${prefix}complaint_stage_id_idx ON ${prefix}complaint (stage, id);
