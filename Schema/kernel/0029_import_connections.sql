-- An import job keeps how many connections merge its batches (`import --connections 1` leaves
-- the server's other core to everyone else), so that `job resume` merges the rest as the
-- import began, not on two connections whatever it was asked.
alter table import_jobs add column connections integer not null default 2 check (connections in (1, 2));
