-- Revisions and workflow events point at their item, which the same transaction writes
-- just before. Checking those references at commit, not row by row, lets the check be
-- planned against the table as it then is: checked row by row, a plan made while the
-- table was empty scanned every item for each new one during a bulk load.
alter table item_revisions alter constraint item_revisions_tenant_id_item_id_fkey deferrable initially deferred;
alter table workflow_events alter constraint workflow_events_tenant_id_item_id_fkey deferrable initially deferred;
