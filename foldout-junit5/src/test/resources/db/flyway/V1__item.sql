create table flyway_item(id int primary key, name text not null);
