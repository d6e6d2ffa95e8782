-- rapport:no-transaction
-- Indexes for the walks by key over the rows in some states (KeyWalkSql): state = ? AND id > ? ORDER BY state, id
-- LIMIT ?, one short run per state.
-- Built concurrently, outside a transaction (the line above), so writes to the tables go on while they build: a
-- concurrent build holds SHARE UPDATE EXCLUSIVE on its table, which inserts, updates and deletes do not wait for.
-- Each statement commits on its own and the version is recorded after the last. An index a failed or crashed build
-- left invalid is dropped by the migrator before its statement runs, then built again; a valid one of the same name,
-- built beforehand by hand, is kept.

-- serves FollowUpRepository.listByStatusAfter (the streaming KPIs' sent surveys)
CREATE INDEX CONCURRENTLY IF NOT EXISTS ${prefix}follow_up_status_id_idx ON ${prefix}follow_up (status, id);
-- serves ComplaintRepository.listByStageAfter (the complaint sweep, the complaint KPIs)
CREATE INDEX CONCURRENTLY IF NOT EXISTS ${prefix}complaint_stage_id_idx ON ${prefix}complaint (stage, id);
