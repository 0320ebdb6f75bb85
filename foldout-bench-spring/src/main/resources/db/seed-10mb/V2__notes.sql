-- about 10 MB of notes (table and key index); the tests rewrite rows among the first 30,000
insert into note(author, body) select 'seed ' || (g % 97), repeat(md5(g::text), 6) from generate_series(1, 36000) g;
analyze note;
