-- Marks the database a layer was built in: a copy of it carries the same value, a build of its own a new one.
create table layer_marker(built uuid not null);
insert into layer_marker values (gen_random_uuid());
