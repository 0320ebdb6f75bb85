insert into account select g, 'owner ' || g, g * 10 from generate_series(1, 200) g;
