-- Each portal's request budget, shared by every instance (generic cell rate algorithm): the moment the
-- next request would be due if requests came exactly at the bucket's drain rate. A request may go when
-- that moment, less the burst, has come.
create table portal_budget (
    portal_id bigint primary key references portal (id) on delete cascade,
    next_due  timestamptz not null
);
