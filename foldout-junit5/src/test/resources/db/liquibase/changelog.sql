--liquibase formatted sql

--changeset foldout:1
create table lq_item(id int primary key, name text not null);

--changeset foldout:2
insert into lq_item select g, 'lq ' || g from generate_series(1, 20) g;
