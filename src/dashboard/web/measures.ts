/**
 * A timeline of measures: each fuzzy deadline drawn as the range of days it can fall in
 * ("within the next 16 months" from 2017-10-18 is all of February 2019), coloured by status,
 * with the ones the API calls overdue as of the shown day marked in red and in words.
 */
import { barX, plot, ruleX, text } from '@observablehq/plot';
import { graphql, type Waiting } from './api.ts';
import { CHART_STYLE, COLORS, labelRoom, OVERDUE, responsiveChart, shorten } from './chart.ts';
import { dataTable, h, words } from './dom.ts';
import { dataLinks } from './funding.ts';
import { type Filters, todayUtc } from './params.ts';

export const MEASURES_QUERY = `query DashboardMeasures($filter: MeasureFilter, $asOf: Date) {
  measures(first: 100, filter: $filter, orderBy: { field: DEADLINE }) {
    totalCount
    nodes { id title status proposer { name } deadline { earliest latest precision reportedText derivation } }
  }
  overdue: measures(first: 100, filter: { overdue: { asOf: $asOf } }) { nodes { id } }
}`;

const CSV_QUERY = `query Measures($filter: MeasureFilter) {
  measures(first: 100, filter: $filter, orderBy: { field: DEADLINE }) {
    nodes { title status proposer { name } deadline { earliest latest precision reportedText derivation } }
  }
}`;

interface Deadline {
  earliest: string;
  latest: string;
  precision: string;
  reportedText: string | null;
  derivation: string | null;
}

interface Measure {
  id: string;
  title: string;
  status: string;
  proposer: { name: string } | null;
  deadline: Deadline | null;
}

interface MeasuresData {
  measures: { totalCount: number; nodes: Measure[] };
  overdue: { nodes: { id: string }[] };
}

const DAY_MS = 86_400_000;

export async function renderMeasures(body: HTMLElement, filters: Filters, waiting: Waiting, embed = false) {
  const asOf = filters.asOf ?? todayUtc();
  const filter: Record<string, unknown> = filters.status ? { status: [filters.status] } : {};
  const data = await graphql<MeasuresData>(MEASURES_QUERY, { filter, asOf }, waiting);
  const overdueIds = new Set(data.overdue.nodes.map((node) => node.id));
  const all = data.measures.nodes;
  const dated = all.filter((m): m is Measure & { deadline: Deadline } => m.deadline !== null);
  const undated = all.filter((m) => m.deadline === null);
  const asOfLine = h(
    'p',
    { class: 'as-of' },
    'Overdue as of ',
    h('strong', {}, asOf),
    ' (deadline passed, no adoption reported).',
  );
  if (dated.length === 0) {
    body.replaceChildren(
      asOfLine,
      h(
        'p',
        { class: 'empty' },
        all.length ? 'None of these measures has a reported deadline.' : 'No measures match these filters.',
      ),
    );
    return;
  }
  const overdueCount = dated.filter((m) => overdueIds.has(m.id)).length;
  // The legend lists what the bars show: the statuses of those not overdue, and "overdue".
  const statuses = [...new Set(dated.filter((m) => !overdueIds.has(m.id)).map((m) => words(m.status)))];

  const figure = h(
    'figure',
    {},
    responsiveChart(`Timeline of ${dated.length} measure deadlines; ${overdueCount} overdue as of ${asOf}`, (width) =>
      timeline(dated, overdueIds, statuses, asOf, width),
    ),
    h(
      'figcaption',
      {},
      'Each bar spans the days a fuzzy deadline can fall on. Colour: status; overdue ones are red and say so.',
    ),
  );
  const table = dataTable(
    `Measures with a deadline (${dated.length}); overdue as of ${asOf}: ${overdueCount}`,
    [
      { header: 'Measure', cell: (m) => m.title },
      { header: 'Status', cell: (m) => words(m.status) },
      { header: 'Deadline as reported', cell: (m) => m.deadline.reportedText ?? '—' },
      { header: 'Earliest', cell: (m) => m.deadline.earliest },
      { header: 'Latest', cell: (m) => m.deadline.latest },
      { header: 'Precision', cell: (m) => words(m.deadline.precision) },
      {
        header: `Overdue as of ${asOf}`,
        cell: (m) => (overdueIds.has(m.id) ? h('span', { class: 'overdue' }, 'Overdue') : 'no'),
      },
    ],
    dated,
    (m) => ({ class: overdueIds.has(m.id) ? 'overdue-row' : undefined }),
  );
  const withoutDeadline = undated.length
    ? h(
        'p',
        { class: 'undated' },
        `${undated.length} more ${undated.length === 1 ? 'measure has' : 'measures have'} no reported deadline: `,
        undated.map((m) => m.title).join('; '),
        '.',
      )
    : '';
  body.replaceChildren(
    asOfLine,
    figure,
    embed ? h('details', {}, h('summary', {}, 'The numbers as a table'), table) : table,
    embed ? '' : withoutDeadline,
    dataLinks(CSV_QUERY, { filter }),
  );
}

function timeline(
  measures: (Measure & { deadline: Deadline })[],
  overdueIds: Set<string>,
  statuses: string[],
  asOf: string,
  width: number,
): Element {
  const { marginLeft, maxChars } = labelRoom(width, Math.max(...measures.map((m) => m.title.length)));
  const rows = measures.map((m) => ({
    label: shorten(m.title, maxChars),
    start: new Date(`${m.deadline.earliest}T00:00:00Z`),
    // The latest day is inclusive: the bar runs to the end of it.
    end: new Date(Date.parse(`${m.deadline.latest}T00:00:00Z`) + DAY_MS),
    status: words(m.status),
    overdue: overdueIds.has(m.id),
    reported: m.deadline.reportedText ?? '',
  }));
  const asOfDate = new Date(`${asOf}T00:00:00Z`);
  const first = Math.min(...rows.map((r) => r.start.getTime()));
  const last = Math.max(...rows.map((r) => r.end.getTime()));
  // Pad the range, and take in the asOf day when it is near enough to keep the bars readable.
  const span = Math.max(last - first, 60 * DAY_MS);
  const showAsOf = asOfDate.getTime() >= first - span * 2 && asOfDate.getTime() <= last + span * 2;
  const domain = [
    new Date(Math.min(first, showAsOf ? asOfDate.getTime() : first) - span / 2),
    new Date(Math.max(last, showAsOf ? asOfDate.getTime() : last) + span / 2),
  ];
  return plot({
    width,
    style: CHART_STYLE,
    height: 60 + rows.length * 38,
    marginLeft,
    marginRight: 70,
    marginBottom: 48,
    x: {
      type: 'utc',
      domain,
      label: showAsOf ? 'Deadline →' : `Deadline → (as of ${asOf}: later than shown)`,
      grid: true,
    },
    y: { label: null, domain: rows.map((r) => r.label) },
    color: {
      domain: [...statuses, ...(rows.some((r) => r.overdue) ? ['overdue'] : [])],
      range: [...COLORS.slice(0, statuses.length), OVERDUE],
      legend: true,
    },
    marks: [
      barX(rows, {
        x1: 'start',
        x2: 'end',
        y: 'label',
        fill: (d) => (d.overdue ? 'overdue' : d.status),
        title: (d) => `${d.reported}${d.overdue ? ' — overdue' : ''}`,
        ariaLabel: (d) => `${d.label}: ${d.reported}${d.overdue ? ', overdue' : ''}`,
      }),
      text(
        rows.filter((r) => r.overdue),
        {
          x: 'end',
          y: 'label',
          text: () => 'overdue',
          dx: 4,
          textAnchor: 'start',
          fill: OVERDUE,
          fontWeight: 'bold',
          ariaHidden: 'true',
        },
      ),
      showAsOf ? ruleX([asOfDate], { stroke: '#333', strokeDasharray: '3,3', ariaHidden: 'true' }) : null,
      showAsOf
        ? text([asOfDate], {
            x: (d) => d,
            frameAnchor: 'top',
            text: () => `as of ${asOf}`,
            dy: -2,
            lineAnchor: 'bottom',
          })
        : null,
    ],
  }) as Element;
}
