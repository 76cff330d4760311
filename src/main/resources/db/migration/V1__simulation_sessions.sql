-- Interactive simulation sessions (issue 4). A session is stored as its specification, mode and log of moves;
-- the server rebuilds it by replaying them, so any replica can serve it after any restart.
CREATE TABLE simulation_session (
    id           VARCHAR(36)     NOT NULL PRIMARY KEY,
    scenario_id  VARCHAR(64),
    mode         VARCHAR(8)      NOT NULL,
    spec_json    VARCHAR(300000) NOT NULL,
    moves_json   VARCHAR(200000) NOT NULL,
    move_count   INTEGER         NOT NULL,
    client_key   VARCHAR(64)     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version      BIGINT          NOT NULL
);
CREATE INDEX simulation_session_client_created ON simulation_session (client_key, created_at);
CREATE INDEX simulation_session_last_used ON simulation_session (last_used_at);
