/**
 * The catalog of {@link ../i18n/messages.ts}: every code with its English
 * and Chinese template. English keeps the sentences the products showed
 * before codes existed, word for word; the Chinese uses the seeds' terms
 * (客户编号, 消费金额, 成本, 客户贡献度 …). Both templates of a code take
 * the same parameters (messages.test.ts checks it).
 */
export const MESSAGE_CATALOG = {
  // Words that sentences put in (column roles, decimal marks, date orders).
  'role.customerId': { en: 'customer id', zh: '客户编号' },
  'role.date': { en: 'date', zh: '日期' },
  'role.amount': { en: 'amount', zh: '金额' },
  'role.cost': { en: 'cost', zh: '成本' },
  'role.marginRate': { en: 'margin rate', zh: '毛利率' },
  'role.quantity': { en: 'quantity', zh: '数量' },
  'role.email': { en: 'e-mail', zh: '电子邮箱' },
  'role.company': { en: 'company', zh: '公司' },
  'role.name': { en: 'name', zh: '姓名' },
  'word.point': { en: 'point', zh: '小数点' },
  'word.comma': { en: 'comma', zh: '小数逗号' },
  'word.dmy': { en: 'day/month/year', zh: '日/月/年' },
  'word.mdy': { en: 'month/day/year', zh: '月/日/年' },

  // A row that could not be used (each one problem of the row).
  'read.columnCount': {
    en: 'row has {n, plural, one {# column} other {# columns}}, expected at least {min}',
    zh: '该行只有 {n} 列，至少应有 {min} 列',
  },
  'read.idEmpty': { en: 'customer id is empty', zh: '客户编号为空' },
  'read.idSheetError': { en: 'customer id is the spreadsheet error {id}, not an id', zh: '客户编号是表格错误值 {id}，不是编号' },
  // A spreadsheet row left out because a cell it uses holds an error value (the Excel add-in's selection).
  'read.cellSheetError': { en: 'cell {cell} holds the Excel error {error}', zh: '单元格 {cell} 是 Excel 错误值 {error}' },
  'read.repeatsHeader': { en: 'row repeats the header row', zh: '该行重复了表头' },
  'read.dateEmpty': { en: 'date is empty', zh: '日期为空' },
  'read.dateInvalid': { en: "date '{text}' is not a valid date", zh: '日期“{text}”不是有效日期' },
  'read.dateTwoDigitYear': {
    en: "date '{text}' is not a valid date: two-digit years are ambiguous, write the year in full",
    zh: '日期“{text}”不是有效日期：两位数年份有歧义，请写出完整年份',
  },
  'read.dateSerial60': {
    en: "date '{text}' is not a valid date (Excel serial 60 is the nonexistent 1900-02-29)",
    zh: '日期“{text}”不是有效日期（Excel 序号 60 是不存在的 1900-02-29）',
  },
  'read.dateNotSerial': { en: "date '{text}' is not a valid date (not an Excel date serial)", zh: '日期“{text}”不是有效日期（不是 Excel 日期序号）' },
  'read.dateYearLastYmd': { en: "date '{text}' has the year last, but dateOrder is 'ymd'", zh: '日期“{text}”年份在最后，但日期顺序指定为年-月-日' },
  'read.dateOrderMismatch': { en: "date '{text}' does not fit the {order} order of this column", zh: '日期“{text}”不符合本列的{order}顺序' },
  'read.dateOrderMismatchAt': {
    en: "date '{text}' does not fit the {order} order of this column (decided at line {line})",
    zh: '日期“{text}”不符合本列的{order}顺序（顺序由第 {line} 行确定）',
  },
  'read.dateSheetError': { en: 'date is the spreadsheet error {error}', zh: '日期是表格错误值 {error}' },
  'read.numberSheetError': { en: '{column} is the spreadsheet error {error}', zh: '{column}是表格错误值 {error}' },
  'read.unitLine': { en: 'line', zh: '行' },
  'read.unitRow': { en: 'row', zh: '行' },
  'read.preambleSkipped': {
    en: 'the header row is {unit} {header}; {n, plural, one {{unit} {first} above it was} other {{unit}s {first}–{last} above it were}} skipped, taken for a title or notes ({quoted}).',
    zh: '表头在第 {header} {unit}；其上方的第 {first}–{last} {unit}（共 {n} {unit}）被当作标题或说明跳过（{quoted}）。',
  },
  'read.preambleChosen': {
    en: 'the header row is {unit} {header}; {n, plural, one {{unit} {first} above it was} other {{unit}s {first}–{last} above it were}} skipped, as chosen ({quoted}).',
    zh: '表头在第 {header} {unit}；按所选跳过其上方的第 {first}–{last} {unit}（共 {n} {unit}）（{quoted}）。',
  },
  'read.idStandIn': {
    en: "no customer id column was found, so customers are told apart by the {role} column '{header}' (name the id column in the mapping option to choose another).",
    zh: '没有找到客户编号列，因此按{role}列“{header}”区分客户（可在列映射中指定编号列）。',
  },
  'read.columnIndexMissing': {
    en: 'the {role} column {choice} does not exist: the data has {n} columns (0-based indexes 0..{last}).',
    zh: '{role}列 {choice} 不存在：数据只有 {n} 列（从 0 开始的序号 0..{last}）。',
  },
  'read.columnNotFound': {
    en: 'no {role} column was found (the headers found are {headers}); name it in the mapping option.',
    zh: '没有找到{role}列（找到的表头为 {headers}）；请在列映射中指定。',
  },
  'read.columnNotFoundNoHeader': {
    en: 'no {role} column was found (the data has no header row ({n} columns)); name it in the mapping option.',
    zh: '没有找到{role}列（数据没有表头行，共 {n} 列）；请在列映射中指定。',
  },
  'read.columnByNameNoHeader': {
    en: "the {role} column is mapped by name ('{name}') but the data has no header row; map it by index.",
    zh: '{role}列按名称（“{name}”）指定，但数据没有表头行；请按序号指定。',
  },
  'read.columnNotAmongHeaders': {
    en: "the {role} column '{name}' is not among the headers {headers}.",
    zh: '{role}列“{name}”不在表头 {headers} 之中。',
  },
  'read.headerRowPastEnd': { en: 'the header row {row} is past the end of the data ({lines} lines).', zh: '表头行 {row} 超出了数据末尾（共 {lines} 行）。' },
  'read.headerRowEmpty': {
    en: 'the header row {row} holds no column names (it is blank or inside a quoted field).',
    zh: '表头行 {row} 没有列名（它是空行，或位于引号内的字段中）。',
  },
  'read.headerRowOutside': { en: 'the header row {row} is outside the data (rows {first} to {last}).', zh: '表头行 {row} 不在数据范围内（第 {first} 到 {last} 行）。' },
  'read.headerRowBlank': { en: 'the header row {row} is blank.', zh: '表头行 {row} 是空行。' },
  'read.numberNotFinite': { en: '{column} {value} is not a number', zh: '{column} {value} 不是数字' },
  'read.numberEmpty': { en: '{column} is empty', zh: '{column}为空' },
  'read.numberTrailingMinus': { en: "{column} '{text}' has a trailing minus; write -{digits}", zh: '{column}“{text}”的负号在末尾；请写成 -{digits}' },
  'read.numberTooLarge': { en: "{column} '{text}' is too large to be a number", zh: '{column}“{text}”太大，不是有效数字' },
  'read.numberDecimalComma': {
    en: "{column} '{text}' has a decimal comma, but the amounts are read with a decimal point; read the file with decimal ','",
    zh: "{column}“{text}”使用小数逗号，但本文件的金额按小数点读取；请以小数符号 ',' 读取文件",
  },
  'read.numberDecimalPoint': {
    en: "{column} '{text}' has a decimal point, but the amounts are read with a decimal comma; read the file with decimal '.'",
    zh: "{column}“{text}”使用小数点，但本文件的金额按小数逗号读取；请以小数符号 '.' 读取文件",
  },
  'read.numberInvalid': { en: "{column} '{text}' is not a number", zh: '{column}“{text}”不是数字' },
  'read.marginRange': {
    en: "margin rate '{text}' is not between -1 and 1; write {text}% or {fraction}",
    zh: '毛利率“{text}”不在 -1 到 1 之间；请写成 {text}% 或 {fraction}',
  },
  'read.quoteNotClosed': { en: 'a quoted field is not closed (a " is missing)', zh: '引号内的字段没有闭合（缺少一个 "）' },
  'read.malformedQuotes': { en: 'malformed quotes: {detail}', zh: '引号格式错误：{detail}' },

  // What the reader tells about the whole file.
  'read.noRows': { en: 'the input has no rows.', zh: '输入没有数据行。' },
  'read.rangeNoRows': { en: 'the range has no rows.', zh: '区域中没有数据行。' },
  'read.guessedColumns': {
    en: 'the data has no header row, so its columns were guessed: {columns} (pass mapping to choose).',
    zh: '数据没有表头行，因此列是推测的：{columns}（可用列映射指定）。',
  },
  'read.guessedColumn': { en: '{role} = column {column}', zh: '{role} = 第 {column} 列' },
  'read.dateOrderGuessDmy': {
    en: 'every year-last date in the date column could be day/month or month/day; they were read as day/month/year (the European convention of this file) (pass dateOrder to choose).',
    zh: '日期列中年份在后的日期都既可读作日/月也可读作月/日；已按日/月/年读取（本文件的欧洲惯例）（可指定日期顺序）。',
  },
  'read.dateOrderGuessMdy': {
    en: 'every year-last date in the date column could be day/month or month/day; they were read as month/day/year (pass dateOrder to choose).',
    zh: '日期列中年份在后的日期都既可读作日/月也可读作月/日；已按月/日/年读取（可指定日期顺序）。',
  },
  'read.otherMarkRows': {
    en:
      "{n, plural, one {# row has a number} other {# rows have numbers}} with a decimal {other} (first '{text}' at line {line}) although the file's numbers were read with a decimal {used}; " +
      '{n, plural, one {it was} other {they were}} rejected (read the file with --decimal {mark} to use the {other}).',
    zh: '有 {n} 行的数字使用{other}（第一个是第 {line} 行的“{text}”），而本文件的数字按{used}读取；这些行已被拒绝（如需使用{other}，请以 --decimal {mark} 读取文件）。',
  },
  'read.headerLooksLikeData': {
    en: "the first row (line {line}) was read as column names, but its date column holds a date ('{date}'); if it is a transaction, read the data with header false so that it is not lost.",
    zh: '第一行（第 {line} 行）被当作列名读取，但其日期列是一个日期（“{date}”）；如果它是一笔交易，请在读取时指定没有表头，以免丢失。',
  },
  'read.ambiguousDecimal': {
    en:
      "amounts such as '{text}' (line {line}) read as different numbers with a decimal point or a decimal comma ({asPoint} or {asComma}); they were read with a decimal point " +
      '(read the file with --decimal , if the comma is the decimal mark).',
    zh: '像“{text}”（第 {line} 行）这样的金额按小数点或小数逗号读取会得到不同的数字（{asPoint} 或 {asComma}）；已按小数点读取（如逗号是小数符号，请以 --decimal , 读取文件）。',
  },

  // Customer tables (one row per customer).
  'customers.idBlank': { en: 'the customer id is blank', zh: '客户编号为空' },
  'customers.badFrequency': { en: 'repeat purchases (x) must be a whole number ≥ 0, got "{text}"', zh: '重复购买次数 (x) 必须是 ≥ 0 的整数，实际为“{text}”' },
  'customers.badAge': { en: 'age (T) must be a number ≥ 0, got "{text}"', zh: '客户存续时间 (T) 必须是 ≥ 0 的数字，实际为“{text}”' },
  'customers.badRecency': { en: 'recency (t_x) must be a number between 0 and T, got "{text}"', zh: '首末购买间隔 (t_x) 必须是 0 到 T 之间的数字，实际为“{text}”' },
  'customers.badRevenue': { en: 'revenue is not a number: "{text}"', zh: '销售额不是数字：“{text}”' },
  'customers.badMonetary': { en: 'average repeat spend is not a number ≥ 0: "{text}"', zh: '重复购买平均金额不是 ≥ 0 的数字：“{text}”' },
  'customers.duplicate': { en: 'customer {id} appears twice', zh: '客户 {id} 出现了两次' },
  'customers.noRevenue': { en: "No revenue column: every customer's value is 0.", zh: '没有销售额列：每位客户的价值都为 0。' },
  'customers.revenueEstimated': {
    en: 'No revenue column: revenue is estimated as average repeat spend × purchases.',
    zh: '没有销售额列：销售额按重复购买平均金额 × 购买次数估算。',
  },

  // Customers left out by the summary.
  'summary.onlyReturns': {
    en: 'only returns ({rows, plural, one {# row} other {# rows}}, −{amount}), no purchase to score',
    zh: '只有退货（{rows} 行，−{amount}），没有可评分的购买',
  },
  'summary.excluded': {
    en: '{n, plural, one {# customer with only returns was left out} other {# customers with only returns were left out}} (no purchase to score).',
    zh: '有 {n} 位只有退货的客户未计入（没有可评分的购买）。',
  },
  'summary.excludedNamed': {
    en: '{n, plural, one {# customer with only returns was left out} other {# customers with only returns were left out}} (no purchase to score): {list}.',
    zh: '有 {n} 位只有退货的客户未计入（没有可评分的购买）：{list}。',
  },
  'summary.excludedNamedMore': {
    en: '{n, plural, one {# customer with only returns was left out} other {# customers with only returns were left out}} (no purchase to score): {list} and {more} more.',
    zh: '有 {n} 位只有退货的客户未计入（没有可评分的购买）：{list} 等，另有 {more} 位。',
  },
  'summary.excludedItem': { en: '{id} (line {line}, −{amount})', zh: '{id}（第 {line} 行，−{amount}）' },
  'summary.excludedItemRows': { en: '{id} (line {line}, {rows} rows, −{amount})', zh: '{id}（第 {line} 行，{rows} 行，−{amount}）' },

  // The analysis.
  'analysis.duckdbNoHoldout': {
    en: "The rows stayed in DuckDB, so the model was chosen by likelihood on the summaries, not on a holdout of the file's last third; --model names one.",
    zh: '交易行留在 DuckDB 中，因此模型按汇总数据的似然选出，而不是用文件最后三分之一做留出检验；可用 --model 指定模型。',
  },
  'analysis.afterAsOf': {
    en: '{n, plural, one {# row dated after the as-of day was left out.} other {# rows dated after the as-of day were left out.}}',
    zh: '有 {n} 行的日期晚于分析基准日，未计入。',
  },
  'analysis.noCustomers': { en: 'There are no customers to fit a model on.', zh: '没有客户可用于拟合模型。' },
  'analysis.oneRowPerCustomer': { en: 'the data are one row per customer, without purchase dates', zh: '数据为每位客户一行，没有购买日期' },
  'model.boundaryToInfinity': {
    en: 'parameter {name} runs towards infinity and is held at {value}, where the likelihood no longer changes',
    zh: '参数 {name} 趋向无穷大，停在 {value}，此处似然已不再变化',
  },
  'model.boundaryToZero': {
    en: 'parameter {name} runs towards zero and is held at {value}, where the likelihood no longer changes',
    zh: '参数 {name} 趋向零，停在 {value}，此处似然已不再变化',
  },
  'model.noDropout': {
    en: 'no drop-out is visible in these data: the model behaves as an NBD without churn, and every customer counts as still active',
    zh: '数据中看不到客户流失：模型相当于没有流失的 NBD 模型，每位客户都算作仍然活跃',
  },
  'model.certainDropoutAfterFirstRepeat': {
    en: 'customers appear to drop out right after their first repeat purchase',
    zh: '客户似乎在第一次重复购买后立即流失',
  },
  'model.certainDropoutAfterEach': {
    en: 'customers appear to drop out right after each purchase, the first included',
    zh: '客户似乎在每次购买（包括第一次）后立即流失',
  },
  'model.sameDropoutProbability': {
    en: 'every customer appears to have the same drop-out probability after a purchase ({percent} %)',
    zh: '每位客户购买后的流失概率似乎相同（{percent}%）',
  },
  'model.dropoutAtOnce': {
    en: 'about {percent} % of customers appear to leave right after their first purchase and the others not at all: drop-out rates are extremely uneven',
    zh: '约 {percent}% 的客户似乎在首次购买后立即流失，其余客户从不流失：流失率极不均匀',
  },
  'model.sameDropoutRate': {
    en: 'every customer appears to have the same drop-out rate (an average lifetime of {lifetime} periods)',
    zh: '每位客户的流失率似乎相同（平均生命周期 {lifetime} 个周期）',
  },
  'model.sameRate': {
    en: 'purchase rates look the same for every active customer ({rate} per period): the model treats them as one Poisson rate',
    zh: '每位活跃客户的购买率看起来相同（每周期 {rate} 次）：模型把它们当作同一个泊松购买率',
  },
  'model.unevenRates': {
    en: 'purchase rates are extremely uneven: most customers almost never buy again while a few buy very often',
    zh: '购买率极不均匀：大多数客户几乎不再购买，少数客户购买非常频繁',
  },
  'model.sameSpendEachPurchase': { en: 'each customer spends about the same amount on every purchase', zh: '每位客户每次购买的金额大致相同' },
  'model.sameAverageSpend': { en: 'average spend looks the same for every customer (about {spend})', zh: '每位客户的平均消费看起来相同（约 {spend}）' },
  'model.spendCorrelated': {
    en: 'frequency and average spend are correlated (Pearson ρ = {rho}, |ρ| > {limit}); the Gamma-Gamma model assumes they are independent, so its spend predictions may be biased',
    zh: '购买频次与平均消费相关（Pearson ρ = {rho}，|ρ| > {limit}）；Gamma-Gamma 模型假定二者独立，因此其消费预测可能有偏',
  },
  'model.infiniteMeanSpend': {
    en: 'q = {q} ≤ 1: the population mean spend is infinite, so customers without repeat purchases get no spend prediction',
    zh: 'q = {q} ≤ 1：总体平均消费为无穷大，因此没有重复购买的客户得不到消费预测',
  },
  'model.tooFewCustomers': { en: 'need at least {min} customers to fit, got {n}', zh: '拟合至少需要 {min} 位客户，实际只有 {n} 位' },
  'model.tooFewRepeatCustomers': {
    en: 'need at least {min} customers with a repeat purchase (x > 0) to fit, got {n}',
    zh: '拟合至少需要 {min} 位有重复购买（x > 0）的客户，实际只有 {n} 位',
  },
  'model.tooFewSpendCustomers': { en: 'need at least {min} repeat customers with positive spend, got {n}', zh: '至少需要 {min} 位消费金额为正的重复购买客户，实际只有 {n} 位' },
  'model.inaccurateExpectation': {
    en: 'the expected purchases cannot be computed accurately at these parameters ({at})',
    zh: '在这些参数下无法准确计算预期购买次数（{at}）',
  },
  'model.outsideAccurateRange': { en: '{what}: the parameters are beyond the accurate range', zh: '{what}：参数超出了可准确计算的范围' },
  'model.infiniteExpectedSpend': { en: 'p·x + q − 1 = {den} ≤ 0: the expected spend is infinite', zh: 'p·x + q − 1 = {den} ≤ 0：预期消费为无穷大' },
  'model.notFinite': { en: 'the log-likelihood is not finite anywhere the optimiser looked', zh: '优化器搜索到的所有位置上对数似然都不是有限值' },
  'model.unidentifiedToInfinity': {
    en: 'parameter {name} runs to infinity ({value}) and the likelihood keeps changing (slope {slope}): the data do not identify it',
    zh: '参数 {name} 趋向无穷大（{value}），且似然仍在变化（斜率 {slope}）：数据无法确定它',
  },
  'model.unidentifiedToZero': {
    en: 'parameter {name} runs to zero ({value}) and the likelihood keeps changing (slope {slope}): the data do not identify it',
    zh: '参数 {name} 趋向零（{value}），且似然仍在变化（斜率 {slope}）：数据无法确定它',
  },
  'model.notConverged': { en: 'the optimiser did not converge ({why}) after {iterations} iterations', zh: '优化器在 {iterations} 次迭代后未收敛（{why}）' },
  'analysis.modelNote': { en: '{model}: {note}', zh: '{model}：{note}' },
  'analysis.spendNotFitted': {
    en: "Gamma-Gamma could not be fitted ({why}); expected spend is each customer's observed average.",
    zh: 'Gamma-Gamma 模型无法拟合（{why}）；预期单次消费取每位客户的实际平均值。',
  },
  'analysis.scoringFailed': {
    en: '{model} was fitted but could not score every customer ({why}); churn risk and CLV use the own-rate heuristic instead.',
    zh: '{model} 已拟合，但无法为每位客户评分（{why}）；流失风险和客户终身价值改用自身购买节奏启发式。',
  },
  'analysis.recalibrationShortHoldout': {
    en: "Churn risk is the model's own: the held-out {length} days are shorter than the churn horizon ({horizon} days), so they cannot check it.",
    zh: '流失风险为模型原值：留出检验的 {length} 天短于流失期限（{horizon} 天），无法据此校验。',
  },
  'analysis.recalibrationFailed': {
    en: "Churn risk is the model's own: it could not be checked on the held-out days ({why}).",
    zh: '流失风险为模型原值：无法在留出检验的日期上校验（{why}）。',
  },
  'recalibration.notBetter': {
    en: 'Churn risk left as the model gives it: on {n} customers held out ({none} made no purchase) a correction would not have been better than chance (p = {p}).',
    zh: '流失风险保持模型原值：在留出检验的 {n} 位客户中（{none} 位没有购买），校正并不比随机更好（p = {p}）。',
  },
  'recalibration.applied': {
    en: 'Churn risk corrected on {n} customers held out ({none} made no purchase): {how}; log loss {before} → {after}.',
    zh: '流失风险已按留出检验的 {n} 位客户校正（{none} 位没有购买）：{how}；对数损失 {before} → {after}。',
  },
  'recalibration.logistic': { en: 'logit(risk) ↦ {a} + {b}·logit(risk)', zh: 'logit(风险) ↦ {a} + {b}·logit(风险)' },
  'recalibration.steps': { en: 'an increasing {steps}-step map', zh: '{steps} 段递增映射' },

  // Which model scored the customers, and why.
  'select.heuristicAsked': { en: 'The own-rate heuristic was asked for; no model was fitted.', zh: '按要求使用自身购买节奏启发式，未拟合模型。' },
  'select.byHoldout': {
    en: '{model} was chosen: on the last {days} days, held out, its churn risk had the lowest log loss ({logLoss}) of {n} model(s).',
    zh: '选用 {model}：在留出检验的最后 {days} 天中，它的流失风险对数损失最低（{logLoss}），共比较 {n} 个模型。',
  },
  'select.byLikelihoodNoHoldout': {
    en: '{model} was chosen: it fits the data best (log-likelihood {ll}; all models have four parameters, so AIC and BIC agree); no holdout: {why}.',
    zh: '选用 {model}：它对数据拟合最好（对数似然 {ll}；各模型都有四个参数，AIC 与 BIC 结论相同）；未做留出检验：{why}。',
  },
  'select.asAsked': { en: '{model} was fitted, as asked.', zh: '已按要求拟合 {model}。' },
  'select.instead': { en: '{model} was used instead of {requested}.', zh: '改用 {model} 代替 {requested}。' },
  'select.notFitted': { en: '{model} could not be fitted ({why}).', zh: '{model} 无法拟合（{why}）。' },
  'select.heuristicScores': { en: 'The own-rate heuristic scores every customer.', zh: '所有客户都由自身购买节奏启发式评分。' },
  'select.noModel': {
    en: 'No model could be fitted ({failures}); churn risk and CLV use the own-rate heuristic.',
    zh: '没有模型可以拟合（{failures}）；流失风险和客户终身价值使用自身购买节奏启发式。',
  },
  'select.failure': { en: '{model}: {why}', zh: '{model}：{why}' },
  'select.failures': { en: '{first}; {next}', zh: '{first}；{next}' },
  'select.spanTooShort': {
    en: 'the data span {span} days, too short to hold out the last third (at least {min} days)',
    zh: '数据只跨 {span} 天，太短，无法留出最后三分之一（至少 {min} 天）',
  },
  'select.fewBeforeHoldout': {
    en: 'only {customers} customers ({repeat} repeat buyers) before the holdout; at least {minCustomers} ({minRepeat}) are needed',
    zh: '留出期之前只有 {customers} 位客户（{repeat} 位重复购买）；至少需要 {minCustomers} 位（{minRepeat} 位）',
  },
  'select.noCalibrationFit': { en: 'no model could be fitted on the data before the holdout', zh: '留出期之前的数据无法拟合任何模型' },
  'select.noHoldout': { en: 'no holdout was possible', zh: '无法留出检验' },

  // Segmenting.
  'segment.noCustomers': { en: 'No customers: nothing to segment.', zh: '没有客户：无需分组。' },
  'segment.mixedPredictions': {
    en: '{missing} of {n} customers have no model prediction; heuristic churn risk and CLV were used for them.',
    zh: '{n} 位客户中有 {missing} 位没有模型预测；他们的流失风险和客户终身价值使用启发式估计。',
  },
  'segment.unknownPredictions': {
    en: '{n} prediction(s) are for customers not in the data and were ignored.',
    zh: '有 {n} 条预测对应的客户不在数据中，已忽略。',
  },
  'segment.totalNotPositive': {
    en: 'Total value is not positive: contribution is undefined, every customer is Small.',
    zh: '总价值不为正：客户贡献度无定义，所有客户都归为小客户。',
  },
  'segment.negativeValue': {
    en: '{n} customer(s) have negative value; concentration counts them as 0.',
    zh: '有 {n} 位客户的价值为负；集中度计算时按 0 计。',
  },
} as const satisfies Readonly<Record<string, { readonly en: string; readonly zh: string }>>;
