-- Teacher accounts can be disabled and deleted (issue 12). A deleted account keeps its row, so everything it
-- wrote stays attributed to it and its username is never given to someone else.
ALTER TABLE teacher ADD COLUMN status VARCHAR(16) DEFAULT 'ACTIVE' NOT NULL;

-- One row per signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy of
-- this table does not sign anyone in. Logging out, or disabling or deleting the account, deletes the rows, and
-- every replica refuses the cookie on its next request.
CREATE TABLE teacher_login_session (
    token_hash   VARCHAR(64)              NOT NULL PRIMARY KEY,
    teacher_id   BIGINT                   NOT NULL REFERENCES teacher (id),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX teacher_login_session_teacher ON teacher_login_session (teacher_id);

-- Failed logins per account ('account:<username>') and per client ('client:<hash of the address>'), shared by
-- every replica. A row is forgotten once its last failure is old enough.
CREATE TABLE login_throttle (
    subject         VARCHAR(80)              NOT NULL PRIMARY KEY,
    failures        INTEGER                  NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    blocked_until   TIMESTAMP WITH TIME ZONE
);
