-- Revisions hold a full copy of every version's fields, compressed once more as each is
-- written (an import writes as many as it writes items). LZ4 compresses several times faster
-- than PostgreSQL's own pglz, for a similar size on JSON text; servers built without LZ4 keep
-- pglz. Rows already written keep the compression they have.
do $$
begin
    alter table item_revisions alter column fields set compression lz4;
exception when feature_not_supported or invalid_parameter_value then
    raise notice 'this server has no LZ4 compression; revisions stay compressed with pglz';
end
$$;
