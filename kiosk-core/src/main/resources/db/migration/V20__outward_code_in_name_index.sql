-- A name-and-postcode search matches the postcode's outward code exactly when one is typed: "LS1"
-- finds LS1 4AP, not LS11 5DR or LS17 6AN. The outward code sits in the name index beside the name,
-- and each word of the name is also indexed joined to the outward code ("smith0ls1": a 0, which no
-- name word holds, keeps "Ann" in EN1 apart from "Anne" in N1), so a common surname in one area is
-- one short list in the index instead of thousands of entries to intersect.
-- The index holds nothing of its own: it is rebuilt here from the orders table, which is untouched.
DROP TRIGGER orders_by_name_insert;
DROP TRIGGER orders_by_name_update;
DROP TABLE orders_by_name;

CREATE VIRTUAL TABLE orders_by_name USING fts5(
    customer_name, outward_code, area_words, order_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');

-- What the name index holds for each order. A UK postcode's inward code is always its last three
-- characters (digit, letter, letter); hyphens and apostrophes part words as the tokenizer does.
CREATE VIEW order_name_index AS
SELECT rowid, customer_name, outward AS outward_code,
       replace(replace(replace(customer_name, '-', ' '), '''', ' '), ' ', '0' || outward || ' ') || '0' || outward
           AS area_words,
       order_id
FROM (SELECT rowid, customer_name, order_id,
             CASE WHEN length(postcode_key) >= 5 THEN substr(postcode_key, 1, length(postcode_key) - 3)
                  ELSE postcode_key END AS outward
      FROM orders);

INSERT INTO orders_by_name (rowid, customer_name, outward_code, area_words, order_id)
SELECT rowid, customer_name, outward_code, area_words, order_id FROM order_name_index;

CREATE TRIGGER orders_by_name_insert AFTER INSERT ON orders BEGIN
    INSERT INTO orders_by_name (rowid, customer_name, outward_code, area_words, order_id)
    SELECT rowid, customer_name, outward_code, area_words, order_id FROM order_name_index WHERE rowid = new.rowid;
END;
CREATE TRIGGER orders_by_name_update AFTER UPDATE OF customer_name, postcode_key ON orders BEGIN
    DELETE FROM orders_by_name WHERE rowid = new.rowid;
    INSERT INTO orders_by_name (rowid, customer_name, outward_code, area_words, order_id)
    SELECT rowid, customer_name, outward_code, area_words, order_id FROM order_name_index WHERE rowid = new.rowid;
END;
