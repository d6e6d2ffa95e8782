-- Reserved: version 6 is taken by a migration written beside this one on another line of work. This placeholder
-- keeps the versions running 1, 2, 3... until the two meet; it is then replaced by that migration, never applied
-- in production.
COMMENT ON TABLE ${prefix}customer IS 'Rapport customers';
