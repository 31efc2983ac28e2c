-- cvlens customer summary (duckdb; unit week = 7 days; as of 2024-06-30; margin rate 0.3).
-- Rules: cvlens core/summary (same-day purchases merged, returns apart, as-of cut-off).
WITH src AS (
  -- Ids are text and trimmed ("00123" is not 123); blank text is no value.
  SELECT
    NULLIF(TRIM(CAST("client id" AS VARCHAR)), '') AS customer_id,
    CAST(CAST("sold_on" AS DATE) - DATE '1970-01-01' AS BIGINT) AS day_number,
    CAST("total" AS DOUBLE) AS amount,
    CAST("cogs" AS DOUBLE) AS row_cost,
    CAST("qty" AS DOUBLE) AS quantity,
    NULLIF(TRIM(CAST("mail" AS VARCHAR)), '') AS email,
    CAST(NULL AS VARCHAR) AS company,
    CAST(NULL AS VARCHAR) AS name,
    CAST("seq" AS BIGINT) AS line
  FROM shop.sales
),
usable AS (
  SELECT * FROM src WHERE customer_id IS NOT NULL AND day_number IS NOT NULL AND amount IS NOT NULL
),
cutoff AS (
  SELECT CAST(19904 AS BIGINT) AS as_of
),
kept AS (
  -- The as-of cut-off: later rows are left out (the check query counts them).
  SELECT usable.*, cutoff.as_of,
    COALESCE(row_cost, amount * CAST(0.7 AS DOUBLE)) AS cost_value,
    CASE WHEN amount <> 0 OR row_cost IS NOT NULL THEN 1 ELSE 0 END AS cost_counts
  FROM usable CROSS JOIN cutoff
  WHERE usable.day_number <= cutoff.as_of
),
per_day AS (
  -- Same-day rows merged: a day is a purchase day when one of its rows is ≥ 0.
  -- COUNT(CASE …) rather than SUM(CASE … 1 ELSE 0): a plain count, never a wide integer sum.
  SELECT customer_id, day_number,
    COUNT(CASE WHEN amount >= 0 THEN 1 END) AS buys,
    COUNT(CASE WHEN amount > 0 THEN 1 END) AS positives,
    SUM(CASE WHEN amount >= 0 THEN amount ELSE CAST(0 AS DOUBLE) END) AS gross,
    COUNT(CASE WHEN amount < 0 THEN 1 END) AS returns,
    SUM(CASE WHEN amount < 0 THEN -amount ELSE CAST(0 AS DOUBLE) END) AS return_amount,
    SUM(CASE WHEN cost_counts = 1 THEN cost_value END) AS cost,
    COUNT(CASE WHEN cost_counts = 1 AND cost_value IS NULL THEN 1 END) AS cost_missing,
    SUM(quantity) AS quantity,
    COUNT(*) AS row_count,
    MIN(CASE WHEN email IS NOT NULL THEN line END) AS email_line,
    MIN(line) AS first_line
  FROM kept
  GROUP BY customer_id, day_number
),
customers AS (
  SELECT customer_id, MAX(cutoff.as_of) AS as_of,
    MIN(CASE WHEN buys > 0 THEN day_number END) AS first_day,
    MAX(CASE WHEN buys > 0 THEN day_number END) AS last_day,
    COUNT(CASE WHEN buys > 0 THEN 1 END) AS purchase_days,
    SUM(positives) AS transactions,
    SUM(gross) AS gross_revenue,
    -- The first purchase day's spend, which Gamma-Gamma leaves out of the repeat mean (one row per day: no ties).
    ARG_MIN(CASE WHEN buys > 0 THEN gross END, CASE WHEN CASE WHEN buys > 0 THEN gross END IS NOT NULL THEN day_number END) AS first_day_gross,
    SUM(returns) AS returns,
    SUM(return_amount) AS return_amount,
    CASE WHEN SUM(cost_missing) = 0 THEN COALESCE(SUM(cost), CAST(0 AS DOUBLE)) END AS cost,
    SUM(quantity) AS quantity,
    SUM(row_count) AS row_count,
    MIN(email_line) AS email_line,
    MIN(first_line) AS first_line
  FROM per_day CROSS JOIN cutoff
  GROUP BY customer_id
)
SELECT
  c.customer_id,
  CAST(DATE '1970-01-01' + CAST(c.first_day AS INTEGER) AS DATE) AS first_day,
  CAST(DATE '1970-01-01' + CAST(c.last_day AS INTEGER) AS DATE) AS last_day,
  CAST(DATE '1970-01-01' + CAST(c.as_of AS INTEGER) AS DATE) AS as_of,
  CAST(c.transactions AS BIGINT) AS transactions,
  CAST(c.purchase_days AS BIGINT) AS purchase_days,
  CAST(CASE WHEN c.purchase_days > 0 THEN c.purchase_days - 1 END AS BIGINT) AS frequency,
  CAST(c.last_day - c.first_day AS DOUBLE) / CAST(7 AS DOUBLE) AS recency,
  CAST(c.as_of - c.first_day AS DOUBLE) / CAST(7 AS DOUBLE) AS t,
  CAST(c.as_of - c.last_day AS DOUBLE) / CAST(7 AS DOUBLE) AS since_last,
  c.gross_revenue,
  c.return_amount,
  CAST(c.returns AS BIGINT) AS returns,
  c.gross_revenue - c.return_amount AS revenue,
  CASE WHEN c.purchase_days > 0 THEN (c.gross_revenue - c.return_amount) / CAST(c.purchase_days AS DOUBLE) END AS average_spend,
  CASE WHEN c.purchase_days > 1 THEN (c.gross_revenue - c.first_day_gross) / CAST(c.purchase_days - 1 AS DOUBLE)
       WHEN c.purchase_days > 0 THEN CAST(0 AS DOUBLE) END AS monetary,
  CASE WHEN c.purchase_days > 0 THEN c.cost END AS cost,
  CASE WHEN c.purchase_days > 0 THEN c.gross_revenue - c.return_amount - c.cost END AS profit,
  c.quantity,
  a_email.email, CAST(NULL AS VARCHAR) AS company, CAST(NULL AS VARCHAR) AS name,
  CAST(c.row_count AS BIGINT) AS row_count,
  CAST(c.first_line AS BIGINT) AS first_line
FROM customers AS c
LEFT JOIN (SELECT CAST("seq" AS BIGINT) AS line, NULLIF(TRIM(CAST("mail" AS VARCHAR)), '') AS email FROM shop.sales) AS a_email ON a_email.line = c.email_line
ORDER BY c.customer_id;
