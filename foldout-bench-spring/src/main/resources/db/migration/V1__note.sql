create table note (
    id      bigserial primary key,
    author  text not null,
    body    text not null,
    written timestamptz not null default now()
);
