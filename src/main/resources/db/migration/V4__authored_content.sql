-- Teacher-written content (issue 6): lessons, quizzes and scenarios kept as the text of their files, in the
-- same format as content/. The draft is what teachers see; the published text is what students see.
CREATE TABLE authored_item (
    id                 BIGINT         NOT NULL PRIMARY KEY,
    kind               VARCHAR(16)    NOT NULL,
    slug               VARCHAR(64)    NOT NULL,
    -- en or zh for a lesson (one file per language); '*' for quizzes and scenarios, whose files hold both.
    language           VARCHAR(2)     NOT NULL,
    draft_text         VARCHAR(100000) NOT NULL,
    draft_revision     INTEGER        NOT NULL,
    published_text     VARCHAR(100000),
    published_revision INTEGER,
    updated_by         VARCHAR(64)    NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    published_by       VARCHAR(64),
    published_at       TIMESTAMP WITH TIME ZONE,
    version            BIGINT         NOT NULL,
    CONSTRAINT authored_item_identity UNIQUE (kind, slug, language)
);
CREATE SEQUENCE authored_item_seq START WITH 1 INCREMENT BY 50;

-- Every saved text, so that an older one can be read and restored. Rows are never updated or deleted.
CREATE TABLE authored_revision (
    id        BIGINT          NOT NULL PRIMARY KEY,
    item_id   BIGINT          NOT NULL REFERENCES authored_item (id),
    revision_number INTEGER         NOT NULL,
    body      VARCHAR(100000) NOT NULL,
    action    VARCHAR(16)     NOT NULL,
    saved_by  VARCHAR(64)     NOT NULL,
    saved_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT authored_revision_number UNIQUE (item_id, revision_number)
);
CREATE SEQUENCE authored_revision_seq START WITH 1 INCREMENT BY 50;
