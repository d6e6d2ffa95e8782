-- Surveys that come back: a response answering a survey follow-up names it, and the store keeps one answer per
-- follow-up, so that two nodes recording an answer to the same survey token cannot both succeed.

-- the survey follow-up a response answers, when it came back through a survey token
ALTER TABLE ${prefix}feedback ADD COLUMN IF NOT EXISTS follow_up_id UUID;
-- serves FeedbackRepository.findBySurvey and the replacement of an answer: follow_up_id = ?
CREATE INDEX IF NOT EXISTS ${prefix}feedback_follow_up_idx ON ${prefix}feedback (follow_up_id);

-- One row per answered survey follow-up: its primary key is the rule "one answer per follow-up".
CREATE TABLE ${prefix}survey_answer (
    follow_up_id UUID          NOT NULL,
    answered_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}survey_answer_pk PRIMARY KEY (follow_up_id)
);
