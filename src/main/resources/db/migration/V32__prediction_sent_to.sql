-- Predict mode (issue 16): where a predicted segment goes, asked only of a listener's answer to a spoofed SYN
-- (forged-source: the SYN's forged source address; attacker: the attacker's real address). NULL where it was not
-- asked, where nothing is sent, and in every prediction made before it was asked.
ALTER TABLE prediction ADD COLUMN sent_to VARCHAR(16);
