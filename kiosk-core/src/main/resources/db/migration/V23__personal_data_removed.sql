-- When the retention purge removed an order's customer details (name, postcode, contact), so the
-- purge touches each order once and the store can say what it holds.
ALTER TABLE orders ADD COLUMN personal_data_removed_at TEXT;
