-- rapport:no-transaction
-- serves FollowUpRepository.listByStatusAfter: status IN (...) AND id > ? ORDER BY id LIMIT ?, the key walk over
-- the follow-ups in some statuses (the streaming KPIs' sent surveys).
-- Built concurrently, outside a transaction (the line above), so writes to follow_up go on while it builds: the
-- build holds SHARE UPDATE EXCLUSIVE on the table, which inserts, updates and deletes do not wait for. An index a
-- crashed build left invalid is dropped by the migrator before this statement runs, then built again; a valid one
-- built beforehand by hand (same name) is kept.
CREATE INDEX CONCURRENTLY IF NOT EXISTS ${prefix}follow_up_status_id_idx ON ${prefix}follow_up (status, id);
