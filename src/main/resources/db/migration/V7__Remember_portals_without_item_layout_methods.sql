-- Portals found to lack crm.item.details.configuration.* (older Bitrix24 versions): the app then uses
-- the per-entity methods first instead of paying a 404 before every action. Re-checked after a while.
create table portal_without_item_layout_methods (
    portal_id bigint primary key references portal (id),
    found_at  timestamptz not null default now()
);
