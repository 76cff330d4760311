-- Issue 15: a sandbox session may be started for a sandbox task (content/sandbox-tasks), which every move checks.
ALTER TABLE simulation_session ADD COLUMN task_id VARCHAR(64);

-- That a learner of a class met a task is kept with their other activity in learner_activity (V30).
