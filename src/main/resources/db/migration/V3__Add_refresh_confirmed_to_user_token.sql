-- Whether the OAuth server has confirmed, by a refresh naming this portal and user, that the stored
-- refresh token belongs to this row. A refresh token that came with a request is unconfirmed until then.
alter table user_token add column refresh_confirmed boolean not null default false;
