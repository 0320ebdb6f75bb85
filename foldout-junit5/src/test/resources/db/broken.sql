-- a seed script with a mistake on line 7
create table broken_seed (id int primary key);
insert into broken_seed values (1);

insert into broken_seed
values (2),
       (3, 'too many columns');
