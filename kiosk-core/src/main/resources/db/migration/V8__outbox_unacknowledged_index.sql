-- The relay reads the oldest unacknowledged events of each drainable capability again and again, in
-- sequence order. With only V5's (capability, state) index each read sorted the capability's whole
-- backlog (measured: 2,800 events/s draining 20,000 events); this one reads them in order.
CREATE INDEX outbox_unacknowledged_in_order ON outbox_events (capability, sequence) WHERE state <> 'ACKNOWLEDGED';
