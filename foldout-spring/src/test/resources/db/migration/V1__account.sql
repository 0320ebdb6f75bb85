create table account(id int primary key, owner text not null, balance numeric not null default 0);
create sequence receipt_seq;
