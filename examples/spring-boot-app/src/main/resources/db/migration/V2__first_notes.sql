insert into note(title) select 'note ' || g from generate_series(1, 1000) g;
update note set done = true where id % 10 = 0;
