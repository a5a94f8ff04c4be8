-- Events are filtered by date ranges (--start-after, --start-before): index the UTC instant
-- of the start and end of every item that has them, tenant first.
create index items_event_start_idx on items (tenant_id, (fields -> 'start' ->> 'utc'));
create index items_event_end_idx on items (tenant_id, (fields -> 'end' ->> 'utc'));
