-- cvlens customer summary (spark; unit week = 7 days; as of 2024-06-30; margin rate 0.3).
-- Rules: cvlens core/summary (same-day purchases merged, returns apart, as-of cut-off).
WITH src AS (
  -- Ids are text and trimmed ("00123" is not 123); blank text is no value.
  SELECT
    NULLIF(TRIM(CAST(`client id` AS STRING)), '') AS customer_id,
    DATEDIFF(CAST(`sold_on` AS DATE), DATE '1970-01-01') AS day_number,
    CAST(`total` AS DOUBLE) AS amount,
    CAST(`cogs` AS DOUBLE) AS row_cost,
    CAST(`qty` AS DOUBLE) AS quantity,
    NULLIF(TRIM(CAST(`mail` AS STRING)), '') AS email,
    CAST(NULL AS STRING) AS company,
    CAST(NULL AS STRING) AS name,
    CAST(`seq` AS BIGINT) AS line
  FROM shop.sales
),
usable AS (
  SELECT * FROM src WHERE customer_id IS NOT NULL AND day_number IS NOT NULL AND amount IS NOT NULL
),
cutoff AS (
  SELECT CAST(19904 AS BIGINT) AS as_of
),
counts AS (
  SELECT
    COUNT(*) AS source_rows,
    SUM(CASE WHEN customer_id IS NULL THEN 1 ELSE 0 END) AS without_id,
    SUM(CASE WHEN customer_id IS NOT NULL AND day_number IS NULL THEN 1 ELSE 0 END) AS without_date,
    SUM(CASE WHEN customer_id IS NOT NULL AND day_number IS NOT NULL AND amount IS NULL THEN 1 ELSE 0 END) AS without_amount
  FROM src
)
SELECT
  CAST(counts.source_rows AS BIGINT) AS source_rows,
  CAST(COALESCE(counts.without_id, 0) AS BIGINT) AS without_id,
  CAST(COALESCE(counts.without_date, 0) AS BIGINT) AS without_date,
  CAST(COALESCE(counts.without_amount, 0) AS BIGINT) AS without_amount,
  CAST((SELECT COUNT(*) FROM usable, cutoff WHERE usable.day_number > cutoff.as_of) AS BIGINT) AS after_as_of,
  DATE_ADD(DATE '1970-01-01', CAST((SELECT as_of FROM cutoff) AS INT)) AS as_of
FROM counts;
