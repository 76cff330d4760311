-- LTI line items, continued (issue 15). A replica about to create a resource link's line item first claims its
-- row (line_item still NULL, claimed_until set); a second replica finds the claim and tries its score again later,
-- so the LMS gets one line item, not two. A claim whose replica died expires at claimed_until.
ALTER TABLE lti_line_item ALTER COLUMN line_item DROP NOT NULL;
ALTER TABLE lti_line_item ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
