/**
 * Funding by stage, funder or programme, and currency: each item's amount as reported ("€100")
 * beside its normalised value, drawn per currency (amounts in different currencies are never
 * compared or added), with flagged items marked on the chart and their notes shown in words.
 */
import { barX, plot, text } from '@observablehq/plot';
import { csvUrl, graphql, graphqlUrl, type Waiting } from './api.ts';
import { CHART_STYLE, COLORS, labelRoom, powersOfTen, responsiveChart, shorten } from './chart.ts';
import { dataTable, h, money, words } from './dom.ts';
import type { Filters, Grouping } from './params.ts';

export const FUNDING_QUERY = `query DashboardFunding($filter: FundingItemFilter, $groupBy: [FundingGroupBy!]) {
  fundingSummary(filter: $filter, groupBy: $groupBy) {
    currencyCode stage programme funder { name } count total { amount } flaggedCount flaggedTotal { amount }
  }
  fundingItems(first: 100, filter: $filter, orderBy: { field: AMOUNT, direction: DESC }) {
    totalCount
    nodes { id purpose stage programme funder { name } amount { reportedText approximate amount currencyCode } qualityFlags qualityNote }
  }
}`;

/** The items alone, for the embed's CSV link (the first list becomes the rows). */
const ITEMS_CSV_QUERY = `query FundingItems($filter: FundingItemFilter) {
  fundingItems(first: 100, filter: $filter, orderBy: { field: AMOUNT, direction: DESC }) {
    nodes { purpose stage programme funder { name } amount { reportedText approximate amount currencyCode } qualityFlags qualityNote }
  }
}`;

interface Item {
  id: string;
  purpose: string;
  stage: string;
  programme: string | null;
  funder: { name: string } | null;
  amount: { reportedText: string; approximate: boolean; amount: string; currencyCode: string };
  qualityFlags: string[];
  qualityNote: string | null;
}

interface SummaryRow {
  currencyCode: string;
  stage: string | null;
  programme: string | null;
  funder: { name: string } | null;
  count: number;
  total: { amount: string };
  flaggedCount: number;
  flaggedTotal: { amount: string };
}

interface FundingData {
  fundingSummary: SummaryRow[];
  fundingItems: { totalCount: number; nodes: Item[] };
}

const GROUP_LABEL: Record<Grouping, string> = { stage: 'Stage', funder: 'Funder', programme: 'Programme' };

export function fundingVariables(filters: Filters) {
  const filter: Record<string, unknown> = {};
  if (filters.currency) filter.currencyCode = filters.currency;
  if (filters.stage) filter.stage = [filters.stage];
  if (filters.funder) filter.funder = filters.funder;
  return { filter, groupBy: [filters.by.toUpperCase()] };
}

function groupOf(
  by: Grouping,
  row: { stage: string | null; programme: string | null; funder: { name: string } | null },
) {
  if (by === 'stage') return row.stage ? words(row.stage) : 'not reported';
  if (by === 'funder') return row.funder?.name ?? 'funder not reported';
  return row.programme ?? 'programme not reported';
}

export async function renderFunding(
  body: HTMLElement,
  filters: Filters,
  waiting: Waiting,
  embed = false,
): Promise<void> {
  const variables = fundingVariables(filters);
  const data = await graphql<FundingData>(FUNDING_QUERY, variables, waiting);
  const items = data.fundingItems.nodes;
  if (items.length === 0) {
    body.replaceChildren(h('p', { class: 'empty' }, 'No funding matches these filters.'));
    return;
  }
  const by = filters.by;
  const currencies = [...new Set(items.map((item) => item.amount.currencyCode))];
  const groups = [...new Set(items.map((item) => groupOf(by, item)))];
  const flagged = items.filter((item) => item.qualityFlags.length > 0);

  const charts = currencies.map((currency) => {
    const rows = items.filter((item) => item.amount.currencyCode === currency);
    return h(
      'figure',
      {},
      responsiveChart(`Funding items in ${currency}, normalised amounts on a log scale`, (width) =>
        fundingChart(rows, currency, by, groups, width),
      ),
      h(
        'figcaption',
        {},
        `Each bar is one funding item in ${currency} (log scale: €100 and €18.5 million both show). Colour: ${GROUP_LABEL[by].toLowerCase()}. `,
        flagged.length ? 'A dashed outline and ⚠ mark a flagged amount, kept as reported.' : '',
      ),
    );
  });

  const notes = flagged.map((item) =>
    h(
      'li',
      { class: 'flag-note' },
      h('strong', {}, `⚠ Flagged: “${item.amount.reportedText}”`),
      ` (${item.qualityFlags.map(words).join(', ')}) — ${item.purpose} `,
      item.qualityNote ? h('span', { class: 'note' }, item.qualityNote) : null,
    ),
  );

  const itemsTable = dataTable<Item>(
    `Funding items (${items.length} of ${data.fundingItems.totalCount})`,
    [
      { header: 'Purpose', cell: (item) => item.purpose },
      {
        header: 'As reported',
        cell: (item) => `${item.amount.reportedText}${item.amount.approximate ? ' (approx.)' : ''}`,
      },
      { header: 'Normalised', cell: (item) => money(item.amount.amount, item.amount.currencyCode), numeric: true },
      { header: 'Stage', cell: (item) => words(item.stage) },
      { header: 'Funder', cell: (item) => item.funder?.name ?? '—' },
      { header: 'Programme', cell: (item) => item.programme ?? '—' },
      {
        header: 'Data quality',
        cell: (item) =>
          item.qualityFlags.length
            ? [h('span', { class: 'flag' }, '⚠ Flagged: '), item.qualityFlags.map(words).join(', ')]
            : 'no flags',
      },
    ],
    items,
    (item) => ({ class: item.qualityFlags.length ? 'flagged' : undefined, 'data-id': item.id }),
  );

  const summaryTable = dataTable<SummaryRow>(
    `Totals by ${GROUP_LABEL[by].toLowerCase()} and currency (flagged amounts included, shown separately)`,
    [
      { header: GROUP_LABEL[by], cell: (row) => groupOf(by, row) },
      { header: 'Currency', cell: (row) => row.currencyCode },
      { header: 'Items', cell: (row) => row.count, numeric: true },
      { header: 'Total', cell: (row) => money(row.total.amount, row.currencyCode), numeric: true },
      { header: 'Flagged items', cell: (row) => row.flaggedCount, numeric: true },
      { header: 'Of which flagged', cell: (row) => money(row.flaggedTotal.amount, row.currencyCode), numeric: true },
    ],
    data.fundingSummary,
  );

  const tables = h('div', { class: 'tables' }, summaryTable, itemsTable);
  body.replaceChildren(
    ...charts,
    notes.length ? h('ul', { class: 'flag-notes', 'aria-label': 'Flagged amounts' }, ...notes) : '',
    embed ? h('details', {}, h('summary', {}, 'The numbers as a table'), tables) : tables,
    dataLinks(ITEMS_CSV_QUERY, { filter: variables.filter }),
  );
}

function fundingChart(items: Item[], currency: string, by: Grouping, groups: string[], width: number): Element {
  const full = items.map(
    (item) => `${item.amount.reportedText}${item.qualityFlags.length ? ' ⚠' : ''} · ${item.purpose}`,
  );
  const { marginLeft, maxChars } = labelRoom(width, Math.min(48, Math.max(...full.map((label) => label.length))));
  const rows = items.map((item, i) => ({
    label: shorten(full[i] ?? '', maxChars),
    value: Number(item.amount.amount),
    group: groupOf(by, item),
    flagged: item.qualityFlags.length > 0,
    reported: item.amount.reportedText,
  }));
  const smallest = Math.min(...rows.map((row) => row.value).filter((v) => v > 0), 1);
  const largest = Math.max(...rows.map((row) => row.value), 10);
  const floor = smallest / 2;
  return plot({
    width,
    style: CHART_STYLE,
    height: 48 + rows.length * 40,
    marginLeft,
    marginRight: 90,
    marginBottom: 48,
    x: {
      type: 'log',
      domain: [floor, largest * 3],
      ticks: powersOfTen(floor, largest * 3),
      tickFormat: '~s',
      label: `Normalised amount (${currency}, log scale) →`,
      labelOffset: 40,
      grid: true,
    },
    y: { label: null, domain: rows.map((row) => row.label) },
    color: { domain: groups, range: COLORS, legend: groups.length > 1 },
    marks: [
      barX(rows, {
        x1: floor,
        x2: 'value',
        y: 'label',
        fill: 'group',
        title: (d) => `${d.reported}: ${d.group}`,
        ariaLabel: (d) => `${d.reported}${d.flagged ? ' (flagged)' : ''}, ${d.group}`,
      }),
      barX(
        rows.filter((row) => row.flagged),
        {
          x1: floor,
          x2: 'value',
          y: 'label',
          fill: 'none',
          stroke: '#000',
          strokeWidth: 2,
          strokeDasharray: '4,3',
          inset: 1,
          ariaHidden: 'true',
        },
      ),
      text(rows, {
        x: 'value',
        y: 'label',
        text: (d) => (d.flagged ? `${d.reported} ⚠` : d.reported),
        dx: 6,
        textAnchor: 'start',
        ariaHidden: 'true',
      }),
    ],
  }) as Element;
}

export function dataLinks(query: string, variables: Record<string, unknown>): HTMLElement {
  return h(
    'p',
    { class: 'data-links' },
    'The data: ',
    h('a', { href: csvUrl(query, variables) }, 'CSV'),
    ' · ',
    h('a', { href: graphqlUrl(query, variables) }, 'GraphQL'),
  );
}
