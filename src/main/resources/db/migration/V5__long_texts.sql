-- Issue 12: what users save must never overflow its column. Texts whose length follows from what a user wrote
-- (quiz answers and their graded results, a sandbox's specification and moves, teachers' texts) become unbounded
-- text; the request-size limits bound them instead. SET DATA TYPE is standard SQL, understood by H2 and PostgreSQL.
ALTER TABLE quiz_attempt ALTER COLUMN generated_json SET DATA TYPE TEXT;
ALTER TABLE quiz_attempt ALTER COLUMN answers_json SET DATA TYPE TEXT;
ALTER TABLE quiz_attempt ALTER COLUMN results_json SET DATA TYPE TEXT;
ALTER TABLE simulation_session ALTER COLUMN spec_json SET DATA TYPE TEXT;
ALTER TABLE simulation_session ALTER COLUMN moves_json SET DATA TYPE TEXT;
ALTER TABLE authored_item ALTER COLUMN draft_text SET DATA TYPE TEXT;
ALTER TABLE authored_item ALTER COLUMN published_text SET DATA TYPE TEXT;
ALTER TABLE authored_revision ALTER COLUMN body SET DATA TYPE TEXT;
