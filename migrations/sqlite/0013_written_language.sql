-- The language a child was using MySay in when they wrote their answers,
-- requests for an advocate, messages and replies to letters (a
-- shipped language code), so staff see their words labelled with it.
-- Empty for answers written before this was kept.
ALTER TABLE consultation_answers ADD COLUMN language TEXT;
-- For who the child wants at their meeting and where.
ALTER TABLE consultations ADD COLUMN taking_part_language TEXT;
ALTER TABLE advocacy_requests ADD COLUMN language TEXT;
ALTER TABLE advocacy_messages ADD COLUMN language TEXT;
ALTER TABLE letter_replies ADD COLUMN language TEXT;
