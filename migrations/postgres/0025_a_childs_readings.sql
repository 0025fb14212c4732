-- A child's home lists who read their words: the audit log's rows whose
-- subject is the child ("child:4") or a part of their record
-- ("child:4/letter:9"). The parts are found as a range of subjects
-- ("child:4/" up to "child:40"), which only holds when text compares as
-- bytes, so that range is read through this index (SQLite's own index
-- on subject already compares bytes). Without it the page read every
-- reading of every child, slower as the log grows.
CREATE INDEX audit_log_by_subject_bytes ON audit_log (subject COLLATE "C");
