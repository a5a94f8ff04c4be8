-- The delivery API names an adopted item's upstream: the public reader reads the adoption
-- links of the tenants it serves (the upstream item itself only where the public sees it,
-- through items_public).
create policy adoptions_public on adoptions for select to micic_public
    using ((select micic_is_public_reader()) and tenant_id = any ((select micic_public_tenants())::bigint[]));
grant select on adoptions to micic_public;
