-- Issue 15: a learner's recovery code, which brings their progress to another browser. Only the SHA-256 of the code
-- is kept (the code has 80 random bits, so its hash cannot be reversed by trying codes); one code per learner, and
-- making a new one replaces the old. client_key and created_at bound how many codes one address makes per hour.
CREATE TABLE learner_recovery_code (
    learner_id VARCHAR(36) NOT NULL PRIMARY KEY,
    code_hash  CHAR(64)    NOT NULL,
    client_key VARCHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT learner_recovery_code_hash UNIQUE (code_hash)
);
CREATE INDEX learner_recovery_code_client ON learner_recovery_code (client_key, created_at);
