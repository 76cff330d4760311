-- Who may change teachers' content (issue 12): every item has an owner, who may name co-editors; other
-- teachers only read it. Items written before owners existed belong to whoever created them.
ALTER TABLE authored_item ADD COLUMN owner VARCHAR(64);
UPDATE authored_item SET owner = (SELECT r.saved_by FROM authored_revision r
                                  WHERE r.item_id = authored_item.id AND r.revision_number = 1);
UPDATE authored_item SET owner = updated_by WHERE owner IS NULL;
ALTER TABLE authored_item ALTER COLUMN owner SET NOT NULL;

-- The teachers the owner lets change the item, besides themselves.
CREATE TABLE authored_item_editor (
    item_id  BIGINT      NOT NULL REFERENCES authored_item (id),
    username VARCHAR(64) NOT NULL,
    PRIMARY KEY (item_id, username)
);

-- Changes to an item that are not a new text (those are revisions): publication, withdrawal, a new owner,
-- a new co-editor list; who made each and when. Rows are never updated or deleted.
CREATE TABLE authored_change (
    id         BIGINT        NOT NULL PRIMARY KEY,
    item_id    BIGINT        NOT NULL REFERENCES authored_item (id),
    action     VARCHAR(16)   NOT NULL,
    -- publish: the revision published; owner: the new owner; editors: the new co-editors, comma-separated.
    detail     VARCHAR(1400) NOT NULL,
    changed_by VARCHAR(64)   NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE SEQUENCE authored_change_seq START WITH 1 INCREMENT BY 50;
