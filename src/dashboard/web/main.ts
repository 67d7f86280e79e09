/**
 * The dashboard page and the embeds. The filters are read from the URL (problems said in
 * words), every section loads on its own — an error in one is shown there, in words, and the
 * others keep working — and changing a filter writes it back to the URL.
 */
import { ApiError, type Waiting } from './api.ts';
import { clear, h, statusLine, words } from './dom.ts';
import { renderFunding } from './funding.ts';
import { renderMeasures } from './measures.ts';
import { type Filters, filtersToSearch, GROUPINGS, isDay, parseFilters, todayUtc } from './params.ts';
import { renderQuotes, showQuote } from './quotes.ts';
import { renderSearch } from './search.ts';
import { type Choices, loadChoices } from './vocabulary.ts';

const app = document.getElementById('app') as HTMLElement;
const view = document.body.dataset.view;

interface Section {
  element: HTMLElement;
  body: HTMLElement;
  run: (task: (body: HTMLElement, waiting: Waiting) => Promise<void>) => Promise<void>;
}

/** A region with a heading, a live status line and a body that one task at a time fills. */
function section(id: string, title: string, headingLevel: 'h1' | 'h2', ...controls: Node[]): Section {
  const status = statusLine();
  const body = h('div', { class: 'section-body' });
  const element = h(
    'section',
    { id, 'aria-labelledby': `${id}-heading`, class: 'panel' },
    h(headingLevel, { id: `${id}-heading` }, title),
    ...controls,
    status.element,
    body,
  );
  let generation = 0;
  return {
    element,
    body,
    async run(task) {
      const mine = ++generation;
      status.set('Loading…');
      try {
        await task(body, (message) => mine === generation && status.set(message));
        if (mine === generation) status.set(undefined);
      } catch (error) {
        if (mine !== generation) return;
        clear(body);
        status.set(messageOf(error), 'error');
      }
    },
  };
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return `Something went wrong while drawing this part: ${(error as Error).message ?? error}`;
}

/** Filter values checked permissively when the API's vocabulary could not be read. */
async function choicesOrProblem(problems: string[]): Promise<Choices | undefined> {
  try {
    return await loadChoices();
  } catch (error) {
    problems.push(`The filter choices could not be loaded: ${messageOf(error)}`);
    return undefined;
  }
}

function readFilters(choices: Choices | undefined): { filters: Filters; problems: string[] } {
  const vocabulary = choices ?? permissive(location.search);
  return parseFilters(location.search, vocabulary);
}

/** Without the API's lists, take the URL's values as they are (the API will judge them). */
function permissive(search: string) {
  const params = new URLSearchParams(search);
  const value = (name: string) => [params.get(name)?.trim().toUpperCase() ?? ''].filter(Boolean);
  return { currencies: value('currency'), stages: value('stage'), statuses: value('status') };
}

function select(
  name: keyof Filters,
  label: string,
  options: { value: string; label: string }[],
  current: string | undefined,
  onChange: (value: string | undefined) => void,
  allLabel?: string,
): HTMLElement {
  const id = `filter-${name}`;
  const known = options.some((o) => o.value === current);
  const control = h(
    'select',
    { id, name },
    ...(allLabel ? [h('option', { value: '' }, allLabel)] : []),
    ...options.map((o) => h('option', { value: o.value, selected: o.value === current }, o.label)),
    ...(current && !known ? [h('option', { value: current, selected: true }, 'the one in the address')] : []),
  );
  control.addEventListener('change', () => onChange(control.value || undefined));
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function noticeList(problems: string[]): HTMLElement {
  return h(
    'div',
    { class: 'notices', role: 'alert', hidden: problems.length === 0 },
    ...(problems.length ? [h('ul', {}, ...problems.map((p) => h('li', {}, p)))] : []),
  );
}

async function dashboard() {
  const problems: string[] = [];
  const choices = await choicesOrProblem(problems);
  let { filters, problems: urlProblems } = readFilters(choices);
  const notices = noticeList([...problems, ...urlProblems]);

  const update = (change: Partial<Filters>) => {
    const next = { ...filters, ...change } as Filters;
    for (const key of Object.keys(next) as (keyof Filters)[]) if (next[key] === undefined) delete next[key];
    const before = filters;
    filters = next;
    history.pushState(null, '', `${location.pathname}${filtersToSearch(filters)}`);
    refresh(before);
  };

  const enumOptions = (values: string[] | undefined) => (values ?? []).map((v) => ({ value: v, label: words(v) }));

  // Funding
  const fundingControls = h(
    'form',
    { class: 'filters', 'aria-label': 'Funding filters' },
    select(
      'currency',
      'Currency',
      enumOptions(choices?.currencies).map((o) => ({ ...o, label: o.value })),
      filters.currency,
      (v) => update({ currency: v }),
      'All currencies',
    ),
    select('stage', 'Stage', enumOptions(choices?.stages), filters.stage, (v) => update({ stage: v }), 'All stages'),
    select(
      'funder',
      'Funder',
      (choices?.funders ?? []).map((f) => ({ value: f.id, label: f.name })),
      filters.funder,
      (v) => update({ funder: v }),
      'All funders',
    ),
    select(
      'by',
      'Group totals by',
      GROUPINGS.map((g) => ({ value: g, label: g })),
      filters.by,
      (v) => update({ by: (v as Filters['by']) ?? 'stage' }),
    ),
  );
  const funding = section('funding', 'Funding: as reported and normalised', 'h2', fundingControls);

  // Measures
  const asOfInput = h('input', { id: 'filter-asOf', name: 'asOf', type: 'date', value: filters.asOf ?? '' });
  asOfInput.addEventListener('change', () => {
    const value = asOfInput.value;
    if (value === '' || isDay(value)) update({ asOf: value || undefined });
  });
  const measuresControls = h(
    'form',
    { class: 'filters', 'aria-label': 'Measure filters' },
    select(
      'status',
      'Status',
      enumOptions(choices?.statuses),
      filters.status,
      (v) => update({ status: v }),
      'All statuses',
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'filter-asOf' }, `Overdue as of (empty: today, ${todayUtc()})`),
      asOfInput,
    ),
  );
  const measures = section('measures', 'Measures: deadlines and status', 'h2', measuresControls);

  // Quotes
  const quoteControls = h(
    'form',
    { class: 'filters', 'aria-label': 'Quote filters' },
    select(
      'speaker',
      'Speaker',
      (choices?.speakers ?? []).map((s) => ({ value: s.id, label: s.name })),
      filters.speaker,
      (v) => update({ speaker: v, quote: undefined }),
      'All speakers',
    ),
  );
  const quotes = section('quotes', 'Quotes: who said what, where', 'h2', quoteControls);
  const viewerStatus = statusLine();
  const viewer = h('div', { id: 'article-view', class: 'viewer', 'aria-live': 'polite' });
  quotes.element.append(viewerStatus.element, viewer);

  // Search
  const searchInput = h('input', {
    id: 'search-q',
    name: 'q',
    type: 'search',
    value: filters.q ?? '',
    maxlength: 500,
    autocomplete: 'off',
  });
  const searchForm = h(
    'form',
    { role: 'search', class: 'search-form', 'aria-label': 'Search everything' },
    h('label', { for: 'search-q' }, 'Search articles, quotes, measures, positions and funding'),
    h('div', { class: 'search-row' }, searchInput, h('button', { type: 'submit' }, 'Search')),
  );
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    update({ q: searchInput.value.trim() || undefined });
  });
  const search = section('search', 'Search', 'h2', searchForm);

  const openQuote = (id: string) => update({ quote: id });

  const showViewer = async (reveal: boolean) => {
    if (!filters.quote) {
      viewer.replaceChildren(
        h('p', { class: 'hint' }, 'Choose a quote above: its article opens here with the quote marked.'),
      );
      return;
    }
    viewerStatus.set('Loading the article…');
    try {
      await showQuote(viewer, filters.quote, (m) => viewerStatus.set(m), reveal);
      viewerStatus.set(undefined);
    } catch (error) {
      clear(viewer);
      viewerStatus.set(messageOf(error), 'error');
    }
  };

  const refresh = (before?: Filters) => {
    const changed = (...keys: (keyof Filters)[]) => !before || keys.some((k) => before[k] !== filters[k]);
    if (changed('currency', 'stage', 'funder', 'by'))
      void funding.run((body, waiting) => renderFunding(body, filters, waiting));
    if (changed('status', 'asOf')) void measures.run((body, waiting) => renderMeasures(body, filters, waiting));
    if (changed('speaker')) {
      void quotes.run((body, waiting) => renderQuotes(body, filters, waiting, { choice: { choose: openQuote } }));
    }
    if (changed('quote')) void showViewer(before !== undefined);
    if (changed('q')) {
      if (filters.q) {
        const q = filters.q;
        void search.run((body, waiting) => renderSearch(body, q, waiting, { openQuote, viewer }));
      } else clear(search.body);
    }
  };

  app.replaceChildren(
    h(
      'section',
      { class: 'panel intro', 'aria-label': 'About this view' },
      notices,
      h(
        'p',
        {},
        'Filters are part of the address: bookmark or share it to keep this view. ',
        h('a', { href: location.pathname }, 'Reset all filters'),
        '.',
      ),
    ),
    search.element,
    funding.element,
    measures.element,
    quotes.element,
  );
  refresh();
  window.addEventListener('popstate', () => {
    // Back/forward: the simplest true state is a fresh page for the new address.
    location.reload();
  });
}

const EMBEDS = {
  funding: { title: 'Funding by stage, funder and currency', render: renderFunding },
  measures: { title: 'Measures: deadlines and status', render: renderMeasures },
  quotes: {
    title: 'Quotes per speaker',
    render: (body: HTMLElement, filters: Filters, waiting: Waiting) =>
      renderQuotes(body, filters, waiting, { embed: true }),
  },
} as const;

async function embed(chart: keyof typeof EMBEDS) {
  const problems: string[] = [];
  const choices = await choicesOrProblem(problems);
  const { filters, problems: urlProblems } = readFilters(choices);
  const { title, render } = EMBEDS[chart];
  const back = h(
    'a',
    { href: `/dashboard${filtersToSearch(filters)}`, target: '_top' },
    'Open in the Dossier dashboard',
  );
  const part = section('embed', title, 'h1', noticeList([...problems, ...urlProblems]));
  part.element.append(h('p', { class: 'back' }, back));
  app.replaceChildren(part.element);
  await part.run((body, waiting) => render(body, filters, waiting, true));
}

if (view === 'embed') {
  const chart = document.body.dataset.chart as keyof typeof EMBEDS;
  void embed(chart);
} else if (view === 'dashboard') {
  void dashboard();
}
