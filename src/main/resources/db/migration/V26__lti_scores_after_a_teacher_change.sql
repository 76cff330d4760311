-- LTI grade passback, continued (issue 15). A teacher excluding an attempt from the class's results, or counting it
-- again, can change the score that counts; the LMS is then sent the new one at once, not at the learner's next
-- submission. Such a row was caused by no submission: attempt_id is NULL (the UNIQUE constraint still keeps one row
-- per submitted attempt, and allows any number of NULLs on H2 and PostgreSQL).
ALTER TABLE lti_score_outbox ALTER COLUMN attempt_id DROP NOT NULL;
-- Set when no attempt counts any more: the row clears the learner's grade in the LMS instead of sending a score
-- (counted_attempt_id is then the attempt that stopped counting, so the row still names the learner and the quiz).
ALTER TABLE lti_score_outbox ADD COLUMN cleared BOOLEAN DEFAULT FALSE NOT NULL;
