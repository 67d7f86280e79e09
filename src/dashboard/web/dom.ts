/**
 * Building the page: elements with attributes and children, text always as text nodes (never
 * innerHTML), so nothing the API returns can become markup.
 */

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function clear(element: Element): void {
  element.replaceChildren();
}

/** "19000100.00" → "19,000,100.00": exact, no float in between. */
export function formatDecimal(amount: string): string {
  const [whole = '', fraction] = amount.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${fraction ? `.${fraction}` : ''}`;
}

export function money(amount: string, currency: string): string {
  return `${currency} ${formatDecimal(amount)}`;
}

/** SUSPECTED_TYPO → "suspected typo". */
export function words(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}

export interface Column<T> {
  header: string;
  cell: (row: T) => Child | Child[];
  /** Numbers align right. */
  numeric?: boolean;
}

/** An accessible data table: caption, column headers, one row header per row. */
export function dataTable<T>(
  caption: string,
  columns: Column<T>[],
  rows: T[],
  rowAttributes: (row: T) => Record<string, string | undefined> = () => ({}),
): HTMLElement {
  const head = h(
    'tr',
    {},
    ...columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, c.header)),
  );
  const body = rows.map((row) =>
    h(
      'tr',
      rowAttributes(row),
      ...columns.map((column, i) => {
        const content = column.cell(row);
        const cells = Array.isArray(content) ? content : [content];
        const attributes = { class: column.numeric ? 'num' : undefined };
        return i === 0 ? h('th', { scope: 'row', ...attributes }, ...cells) : h('td', attributes, ...cells);
      }),
    ),
  );
  return h(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', {}, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, ...body)),
  );
}

/** A section's live status line: loading, waiting on a rate limit, or an error in words. */
export function statusLine(): {
  element: HTMLElement;
  set: (message: string | undefined, kind?: 'info' | 'error') => void;
} {
  const element = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  return {
    element,
    set(message, kind = 'info') {
      element.textContent = message ?? '';
      element.classList.toggle('error', kind === 'error');
      element.hidden = !message;
    },
  };
}
