-- Issue 15: a class's roster. The name a learner gives on joining (their teacher sees it in the results and the
-- CSV); NULL for one who gave none: they appear as "Student <n>", n counting the class's members in joining order.
ALTER TABLE class_member ADD COLUMN display_name VARCHAR(80);
