-- LTI Deep Linking 2.0 (issue 15): an instructor's deep-linking request waits here, keyed by the SHA-256 of a
-- random id carried in the picker's form (no cookie inside the LMS's iframe), until they pick an item; one use,
-- ten minutes.
CREATE TABLE lti_deep_link_request (
    request_hash  VARCHAR(64)   NOT NULL PRIMARY KEY,
    platform_id   BIGINT        NOT NULL,
    deployment_id VARCHAR(255)  NOT NULL,
    return_url    VARCHAR(2048) NOT NULL,
    data          VARCHAR(4096),
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT lti_deep_link_request_platform FOREIGN KEY (platform_id) REFERENCES lti_platform (id) ON DELETE CASCADE
);

-- Where a launch's sign-in link lands: the page of the launched resource link (a quiz or lesson of this site).
ALTER TABLE lti_session_ticket ADD COLUMN target_path VARCHAR(200);
