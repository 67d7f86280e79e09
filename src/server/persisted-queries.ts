/**
 * Saved queries with stable URLs, for embedding in dashboards: `GET /persisted/<name>` (JSON) or
 * `GET /persisted/<name>.csv`, with `?variables={…}` where a query takes any. They are committed
 * here, so what a URL runs is reviewed like code, and a CDN may cache the answers.
 */
export const PERSISTED_QUERIES: Record<string, string> = {
  'funding-summary': /* GraphQL */ `query FundingSummary {
  fundingSummary { currencyCode count total { amount currencyCode } flaggedCount flaggedTotal { amount } }
}`,
  'funding-by-year': /* GraphQL */ `query FundingByYear($from: Date = "2015-01-01", $to: Date = "2026-01-01") {
  timeSeries(entity: FUNDING_ITEMS, metric: AMOUNT, bucket: YEAR, from: $from, to: $to) { time timestamp key value count }
}`,
  'articles-per-month': /* GraphQL */ `query ArticlesPerMonth($from: Date!, $to: Date!) {
  timeSeries(entity: ARTICLES, bucket: MONTH, from: $from, to: $to) { time timestamp key value count }
}`,
  'measures-by-status': /* GraphQL */ `query MeasuresByStatus {
  measureStats(groupBy: [STATUS]) { status count }
}`,
  'quotes-by-speaker': /* GraphQL */ `query QuotesBySpeaker {
  quoteStats(groupBy: [SPEAKER]) { speaker { name } count }
}`,
  'overdue-measures': /* GraphQL */ `query OverdueMeasures($asOf: Date) {
  measures(first: 100, filter: { overdue: { asOf: $asOf } }, orderBy: { field: DEADLINE }) {
    totalCount nodes { title status proposer { name } deadline { earliest latest reportedText } }
  }
}`,
};
