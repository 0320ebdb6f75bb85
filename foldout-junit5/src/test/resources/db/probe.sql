-- a sequence the undo tests read and move
create sequence probe_seq;
