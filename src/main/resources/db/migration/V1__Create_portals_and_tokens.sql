-- Portals that installed the app, keyed by Bitrix24's member_id.
create table portal (
    id                bigint generated always as identity primary key,
    member_id         varchar(64)  not null unique,
    domain            varchar(255) not null,
    client_endpoint   varchar(512) not null,
    status            varchar(16)  not null check (status in ('NEW', 'ACTIVE', 'NEEDS_REAUTH', 'UNINSTALLED')),
    application_token text,
    scope             varchar(1024),
    app_version       integer,
    installed_by      bigint,
    installed_at      timestamptz,
    uninstalled_at    timestamptz,
    created_at        timestamptz  not null default now(),
    updated_at        timestamptz  not null default now()
);

-- One OAuth token pair per (portal, user); both tokens encrypted with AES-GCM.
create table user_token (
    id            bigint generated always as identity primary key,
    portal_id     bigint      not null references portal (id),
    user_id       bigint      not null,
    access_token  text        not null,
    refresh_token text        not null,
    expires_at    timestamptz not null,
    revoked_at    timestamptz,
    version       bigint      not null default 0,
    updated_at    timestamptz not null default now(),
    unique (portal_id, user_id)
);

-- What each portal's administrators decided.
create table portal_settings (
    portal_id             bigint primary key references portal (id),
    tab_entity_types      varchar(255) not null default 'LEAD,DEAL,CONTACT,COMPANY',
    non_admins_may_use    boolean      not null default true,
    users_may_reset_own   boolean      not null default true,
    updated_by            bigint,
    updated_at            timestamptz  not null default now()
);

-- Every change the app makes or attempts; kept after uninstall.
create table audit_entry (
    id                 bigint generated always as identity primary key,
    portal_id          bigint       not null references portal (id),
    occurred_at        timestamptz  not null default now(),
    actor_user_id      bigint,
    action             varchar(32)  not null,
    entity_type_id     integer,
    category_id        integer,
    lead_customer_type integer,
    scope              varchar(1),
    target_user_id     bigint,
    outcome            varchar(32)  not null,
    detail             varchar(1000)
);
create index audit_entry_portal_newest on audit_entry (portal_id, id desc);
