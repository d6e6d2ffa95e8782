-- How well each case's creation time is known: RECORDED for every case Rapport opens, ESTIMATED or UNKNOWN for
-- imported history that gave only a date, a later moment or no time at all (see CreationTimeQuality). The KPIs that
-- measure from the creation time leave the others out, under CREATION_TIME_ESTIMATED and CREATION_TIME_UNKNOWN.
ALTER TABLE ${prefix}support_case ADD COLUMN IF NOT EXISTS created_at_quality CHARACTER VARYING(16)
    DEFAULT 'RECORDED' NOT NULL;
