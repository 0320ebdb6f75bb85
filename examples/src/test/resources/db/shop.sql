-- The shop's schema and a little data: the seed every test of OrderRepositoryIT starts from.
create table customer (
    id   int primary key,
    name text not null
);

create table orders (
    id          int generated always as identity primary key,
    customer_id int not null references customer,
    total       numeric(10, 2) not null check (total >= 0)
);

create function customer_total(c int) returns numeric language sql stable as $$
    select coalesce(sum(total), 0) from orders where customer_id = c;
$$;

insert into customer select g, 'customer ' || g from generate_series(1, 50) g;
insert into orders (customer_id, total) select 1 + g % 50, g * 1.25 from generate_series(1, 1000) g;
