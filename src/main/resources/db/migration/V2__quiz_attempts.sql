-- Quiz attempts (issue 5): the values generated for the learner, and once submitted, the answers and the grade.
CREATE TABLE quiz_attempt (
    id             VARCHAR(36)    NOT NULL PRIMARY KEY,
    quiz_id        VARCHAR(64)    NOT NULL,
    learner_id     VARCHAR(36)    NOT NULL,
    client_key     VARCHAR(64)    NOT NULL,
    language       VARCHAR(8)     NOT NULL,
    generated_json VARCHAR(20000) NOT NULL,
    answers_json   VARCHAR(100000),
    results_json   VARCHAR(100000),
    display_name   VARCHAR(80),
    class_code     VARCHAR(40),
    score          DOUBLE PRECISION,
    max_score      INTEGER        NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_at   TIMESTAMP WITH TIME ZONE,
    version        BIGINT         NOT NULL
);
CREATE INDEX quiz_attempt_learner ON quiz_attempt (learner_id, quiz_id);
CREATE INDEX quiz_attempt_client_created ON quiz_attempt (client_key, created_at);
CREATE INDEX quiz_attempt_class ON quiz_attempt (class_code, quiz_id);
