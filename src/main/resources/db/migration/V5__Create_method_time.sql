-- What each portal last reported of one method's time in the last 10 minutes (Bitrix24's time.operating and
-- time.operating_reset_at), and until when the app stops calling the method after OPERATION_TIME_LIMIT.
create table method_time (
    portal_id    bigint           not null references portal (id) on delete cascade,
    method       varchar(100)     not null,
    operating    double precision not null,
    reset_at     timestamptz,
    paused_until timestamptz,
    reported_at  timestamptz      not null default now(),
    primary key (portal_id, method)
);
