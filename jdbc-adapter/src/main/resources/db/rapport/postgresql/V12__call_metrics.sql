-- KPIs the practice names: the phone's speed of answer and abandoned calls, and churn with a reason.

-- how long a caller waited from reaching the business to the answer, or to the end of a missed call, in nanoseconds
ALTER TABLE ${prefix}interaction ADD COLUMN IF NOT EXISTS wait_nanos BIGINT;
-- a missed call the caller hung up on while waiting
ALTER TABLE ${prefix}interaction ADD COLUMN IF NOT EXISTS abandoned BOOLEAN DEFAULT FALSE NOT NULL;

-- why a churned customer left, a host's reason code
ALTER TABLE ${prefix}customer ADD COLUMN IF NOT EXISTS churn_reason VARCHAR(64);
