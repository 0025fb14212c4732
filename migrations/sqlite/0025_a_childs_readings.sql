-- A child's home lists who read their words: the audit log's rows whose
-- subject is the child ("child:4") or a part of their record
-- ("child:4/letter:9"), found as a range of subjects ("child:4/" up to
-- "child:40"). SQLite's index on subject (0014) compares bytes already;
-- PostgreSQL's migration adds one that does. Nothing to change here.
SELECT 1;
