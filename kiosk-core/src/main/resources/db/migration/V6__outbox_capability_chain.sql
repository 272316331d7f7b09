-- Each event names the sequence of the previous event of its capability (0 for the first), set when
-- it is written. Central applies an event only after its predecessor, so a batch the broker lost
-- and the relay re-sent cannot be applied out of order, and isolated capabilities (which do not
-- drain) leave no gap in the chains of the others.
ALTER TABLE outbox_events ADD COLUMN previous_in_capability INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_by_capability ON outbox_events (capability, sequence);
