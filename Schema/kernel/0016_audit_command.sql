-- The shell command line behind each audit entry. The shell names the line it runs in the
-- session setting micic.command, and every entry written meanwhile (by the application or by
-- a trigger) keeps it. It says why, not who: anyone may set it, and the actor column is the
-- person who wrote the entry.
alter table audit_log add column command text default nullif(current_setting('micic.command', true), '');
