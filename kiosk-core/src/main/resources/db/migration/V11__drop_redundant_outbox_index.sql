-- V8's (capability, sequence) index over unacknowledged events answers everything V5's
-- (capability, state) one did (the backlog count, the relay's reads), so V5's only cost writes.
-- An index holds no data of its own.
DROP INDEX outbox_unacknowledged;
