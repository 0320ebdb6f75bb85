-- The seed of the foldout-junit5 tests: a table, a function with a dollar-quoted body, and rows.
create table item (
    id   int primary key,
    name text not null  -- names may hold ';'
);

/* a block comment; with a semicolon /* and a nested one; */ still a comment */
create function item_label(i item) returns text language plpgsql as $fn$
begin
    return i.id || ': ' || i.name || ';';
end;
$fn$;

insert into item select g, 'item ' || g || E'\';' from generate_series(1, 100) g;
insert into item values (1000, 'a ''quoted'' name; with a semicolon');
