-- serves FollowUpRepository.listByStatusAfter: status IN (...) AND id > ? ORDER BY id LIMIT ?, the key walk over
-- the follow-ups in some statuses (the streaming KPIs' sent surveys). H2 has no concurrent build; the plain build
-- runs in the migration's transaction.
CREATE INDEX IF NOT EXISTS ${prefix}follow_up_status_id_idx ON ${prefix}follow_up (status, id);
