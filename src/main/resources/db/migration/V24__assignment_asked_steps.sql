-- Issue 16: which steps a predict assignment asks, as the predict API's ask/from/to: ALL, CHANGES (state changes
-- only) or RANGE from from_step to to_step (step numbers from 1, both given only with RANGE). Null for quizzes and
-- for simulations to step through; the predict assignments set before this asked every step.
ALTER TABLE assignment ADD COLUMN asked_steps VARCHAR(8);
ALTER TABLE assignment ADD COLUMN from_step INTEGER;
ALTER TABLE assignment ADD COLUMN to_step INTEGER;
UPDATE assignment SET asked_steps = 'ALL' WHERE mode = 'PREDICT';
