insert into item values (2000, 'extra');
