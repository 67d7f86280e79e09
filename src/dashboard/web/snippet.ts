/**
 * A search snippet, as the API sends it, is HTML of one restricted kind: text escaped
 * (&amp; &lt; &gt;) with each match in <mark>…</mark>. It is never put into the page as HTML:
 * this turns it into text runs and marked runs, which the page writes as text nodes and <mark>
 * elements. Anything else that looks like markup stays visible text, so a snippet can never
 * inject an element, an attribute or a script. Pure: no DOM.
 */

export interface SnippetPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  for (const piece of snippet.split(/(<\/?mark>)/)) {
    if (piece === '<mark>' && !marked) marked = true;
    else if (piece === '</mark>' && marked) marked = false;
    else if (piece) {
      const text = piece.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
      const last = parts[parts.length - 1];
      if (last && last.marked === marked) last.text += text;
      else parts.push({ text, marked });
    }
  }
  return parts;
}
