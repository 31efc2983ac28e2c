/**
 * The public surface of the cvlens core: an explicit list of what the
 * products (cli/, addin/, extension/), the bench and the cross-product tests
 * use. Everything not named here is internal to core/ and may change
 * without notice; add a name here only when a product needs it.
 */

// Shared vocabulary and errors
export type { ColumnMapping, ColumnRole, CustomerPrediction, CustomerSummary, DayNumber, ExcludedCustomer, FitResult, Lang, LifecycleStage, MatrixCell, RejectedRow, RfmSegment, Tier, TierSummaryRow, TimeUnit, Transaction } from './types.ts';
export { CvError } from './errors.ts';
export { tierColors } from './palette.ts';

// Reading files and cells, writing the exchange file
export { dayToExcelSerial, dayToIso, excelSerialToDay, isoToDay } from './read/day-number.ts';
export { decodeText } from './read/decode-text.ts';
export type { TextEncodingOption } from './read/decode-text.ts';
export { ALL_ROLES, detectColumns, REQUIRED_ROLES } from './read/detect-columns.ts';
export { scanAmount } from './read/parse-amount.ts';
export { parseDate } from './read/parse-date.ts';
export type { DateOrder } from './read/parse-date.ts';
export { CUSTOMER_ROLES, detectCustomerColumns, readCustomerCells, REQUIRED_CUSTOMER_ROLES } from './read/read-customer-cells.ts';
export type { CustomerMapping, CustomerRole } from './read/read-customer-cells.ts';
export { looksLikeHeader, readTable } from './read/read-table.ts';
export { readTransactionCells, readTransactions, readTransactionsFromSource } from './read/read-transactions.ts';
export type { ReadOptions, ReadResult, TransactionSink } from './read/read-transactions.ts';
export type { RowSink, TextRole } from './read/byte-rows.ts';
export type { ByteSource } from './read/byte-source.ts';
export type { ByteLanePlan } from './read/byte-rows.ts';
export { pieceBuffers, recordByteRows, type ScannedPiece } from './read/scanned-rows.ts';
export { guardCell, isScoredCustomersCsv, parseScoredCustomersCsv, toScoredCustomersCsv } from './exchange/scored-customers.ts';
export type { ScoredCustomer } from './exchange/scored-customers.ts';

// Per-customer facts and the classic formulas
export { createSummaryBuilder } from './summary/summarize.ts';
export { describeExcluded, excludedMessage } from './summary/describe-excluded.ts';
export { CHECK_SQL_COLUMNS, SQL_DIALECTS, SUMMARY_SQL_COLUMNS, summarySql } from './summary/summary-sql.ts';
export type { SqlDialect, SummarySqlColumn, SummarySqlColumns, SummarySqlOptions } from './summary/summary-sql.ts';
export { unitDays } from './summary/units.ts';
export { createSummarySqlReader, isSummarySqlHeader, readSummarySqlRows, REQUIRED_SUMMARY_SQL_COLUMNS } from './summary/summary-sql-rows.ts';
export type { SummarySqlReader, SummarySqlReaderOptions, SummarySqlRow, SummarySqlRowsResult } from './summary/summary-sql-rows.ts';
export { classicClv } from './clv/classic.ts';

// Scoring and grouping rules, labels, the segment table
export { rfmScores } from './rfm/score.ts';
export { rfmSegment } from './rfm/segments.ts';
export { assignTiers } from './tiers/assign.ts';
export { tierRuleOf, tierRuleParams } from './tiers/rule.ts';
export type { TierMethod, TierRule } from './tiers/rule.ts';
export { tierSummary } from './tiers/summary.ts';
export { median } from './score/median.ts';
export { COMPOSITE_FIELDS, parseScoreSpec, rankDescending } from './score/score-spec.ts';
export { matrixCell } from './matrix/value-matrix.ts';
export { lifecycleStage } from './lifecycle/stage.ts';
export { churnLevel } from './churn/level.ts';
export type { ChurnLevel } from './churn/level.ts';
export { churnRiskScores } from './churn/overdue.ts';
export type { OverdueInput } from './churn/overdue.ts';
export { topShare } from './concentration/top-share.ts';
export { churnRiskLabel, label } from './i18n/labels.ts';
// Every sentence of the core as a code with parameters, said in English or Chinese.
export { formatMessage, formatMessages, formatReason, msg } from './i18n/messages.ts';
export type { Message, MessageCode, MessageParam } from './i18n/messages.ts';
export { MESSAGE_CATALOG } from './i18n/messages-catalog.ts';
export type { ColumnKey } from './i18n/labels.ts';
export { COMPOSITE_COLUMNS, SEGMENT_COLUMN_KIND, SEGMENT_COLUMNS, segmentCell, segmentColumns, segmentTable } from './segment/segment-table.ts';
export type { ColumnKind } from './segment/segment-table.ts';
export type { CompositeField, CompositeIndicator, SegmentResult, SegmentRow, ValueBasis } from './segment/segment.ts';

// Report tables every product lays out the same way (workbook, add-in sheet)
export { EXCEL_NUMBER_FORMATS, cellFormat } from './report/report-table.ts';
export type { CellFormat, ReportCell, ReportRow, ReportTable } from './report/report-table.ts';
export { tierSummaryTable } from './report/tier-summary-table.ts';
export { concentrationCurve, concentrationTable } from './report/concentration-table.ts';
export { rejectedTable } from './report/rejected-table.ts';
export { holdoutTable } from './report/holdout-table.ts';
export { settingsTable, tierRuleText } from './report/settings-table.ts';
export type { SourceFacts } from './report/settings-table.ts';
export { customerColumns, customerFormat, customerHeader } from './report/customer-columns.ts';
export type { CustomerColumn } from './report/customer-columns.ts';
export { CELL, cellAt, customerCells } from './report/customer-cells.ts';
export type { CellColumn, CustomerCells } from './report/customer-cells.ts';
export { readMeTable } from './report/read-me.ts';
export { basisWord, shareOf, unitWord } from './report/report-words.ts';
export { companyAggregates } from './segment/company-aggregate.ts';
export type { CompanyAggregate, CompanyMember } from './segment/company-aggregate.ts';

// The one analysis every product runs: settings, model choice, calibration split
export { analyzeCustomers, analyzeSummaryTable, analyzeTransactions, createAnalysis, modelInputs } from './analysis/analyze.ts';
export type { StreamingAnalysis } from './analysis/analyze.ts';
export type { SummaryTable } from './summary/summary-table.ts';
export type { Analysis, ModelReport } from './analysis/analyze.ts';
export { compareCalibration, createCalibrationSplit } from './analysis/calibration-split.ts';
export type { CalibrationData } from './analysis/calibration-split.ts';
export { DEFAULT_SETTINGS, MODEL_TITLES, parseCutPoints, parseDuration, PURCHASE_MODELS, resolveSettings } from './analysis/settings.ts';
export type { AnalysisSettings, AnalysisSettingsInput, FittedModelName, PurchaseModelName } from './analysis/settings.ts';
export type { CandidateReport, ModelSelection } from './analysis/select-model.ts';
// The model choice's fits as jobs a product may run on another thread (the command line's fit worker)
export { inlineRunner, runFitJob } from './analysis/fit-jobs.ts';
export { practiceJob } from './analysis/practice-jobs.ts';
export type { CandidateJob, CandidateResult, FitJob, FitJobResult, FitRunner, SpendJob, SpendResult } from './analysis/fit-jobs.ts';
export { fitRecalibration } from './analysis/recalibrate.ts';
export type { Recalibration, RecalibrationMethod, RecalibrationReport } from './analysis/recalibrate.ts';

// Probabilistic models (fits and per-customer predictions)
export { bgNbdConditionalExpected, bgNbdProbabilityAlive, bgNbdProbabilityNoPurchase, fitBgNbd } from './models/bg-nbd.ts';
export type { BgNbdParams } from './models/bg-nbd.ts';
export type { RepeatData } from './models/customer-data.ts';
export { DEFAULT_MAX_EVALUATIONS } from './models/fit-driver.ts';
export type { FitControl } from './models/fit-driver.ts';
export { fitGammaGamma } from './models/gamma-gamma.ts';
export type { HoldoutComparison } from './models/holdout.ts';
export { fitMbgNbd, mbgNbdConditionalExpected, mbgNbdProbabilityAlive, mbgNbdProbabilityNoPurchase } from './models/mbg-nbd.ts';
export type { MbgNbdParams } from './models/mbg-nbd.ts';
export { daysPerUnit, modelClv } from './models/model-clv.ts';
export { fitParetoNbd, paretoNbdConditionalExpected, paretoNbdProbabilityAlive, paretoNbdProbabilityNoPurchase } from './models/pareto-nbd.ts';
export type { ParetoNbdParams } from './models/pareto-nbd.ts';
export { predictCustomers } from './models/predict.ts';
export type { PredictCustomer } from './models/predict.ts';
export { purchaseModel } from './models/purchase-model.ts';
export type { PurchaseModelFit } from './models/purchase-model.ts';

// Simulation and evaluation against outcomes
export { createRng } from './simulate/prng.ts';
export { simulateCustomers, simulateTransactionsCsv } from './simulate/simulate-customers.ts';
export { rocAuc } from './evaluate/auc.ts';
export { calibrationTable } from './evaluate/calibration-table.ts';
export type { CalibrationTable } from './evaluate/calibration-table.ts';
export { meanAbsoluteError } from './evaluate/mean-absolute-error.ts';
export { spearman } from './evaluate/spearman.ts';
