insert into flyway_item select g, 'item ' || g from generate_series(1, 50) g;
