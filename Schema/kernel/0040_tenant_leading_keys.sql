-- Every tenant-owned table's keys lead with tenant_id, so that the schema can be distributed
-- by tenant (README, "Scaling past one machine"; a catalog test keeps it so).
--
-- public_change_marks (0018) was keyed by transaction first. Its rows live only while their
-- transaction commits, and the one statement that finds them (the deferred trigger's delete)
-- names both columns, which the new order serves as well.

alter table public_change_marks
    drop constraint public_change_marks_pkey,
    add primary key (tenant_id, transaction);
