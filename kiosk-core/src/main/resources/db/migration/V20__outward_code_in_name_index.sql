-- A name-and-postcode search matches the postcode's outward code exactly when one is typed: "LS1"
-- finds LS1 4AP, not LS11 5DR or LS17 6AN. The outward code sits in the name index beside the name,
-- so a common surname and an outward code meet inside the index instead of in thousands of rows.
-- The index holds nothing of its own: it is rebuilt here from the orders table, which is untouched.
DROP TRIGGER orders_by_name_insert;
DROP TRIGGER orders_by_name_update;
DROP TABLE orders_by_name;

-- A UK postcode's inward code is always its last three characters (digit, letter, letter).
CREATE VIRTUAL TABLE orders_by_name USING fts5(
    customer_name, outward_code, order_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO orders_by_name (rowid, customer_name, outward_code, order_id)
SELECT rowid, customer_name,
       CASE WHEN length(postcode_key) >= 5 THEN substr(postcode_key, 1, length(postcode_key) - 3) ELSE postcode_key END,
       order_id
FROM orders;
CREATE TRIGGER orders_by_name_insert AFTER INSERT ON orders BEGIN
    INSERT INTO orders_by_name (rowid, customer_name, outward_code, order_id)
    VALUES (new.rowid, new.customer_name,
            CASE WHEN length(new.postcode_key) >= 5 THEN substr(new.postcode_key, 1, length(new.postcode_key) - 3)
                 ELSE new.postcode_key END,
            new.order_id);
END;
CREATE TRIGGER orders_by_name_update AFTER UPDATE OF customer_name, postcode_key ON orders BEGIN
    UPDATE orders_by_name
    SET customer_name = new.customer_name,
        outward_code = CASE WHEN length(new.postcode_key) >= 5
                            THEN substr(new.postcode_key, 1, length(new.postcode_key) - 3) ELSE new.postcode_key END
    WHERE rowid = new.rowid;
END;
