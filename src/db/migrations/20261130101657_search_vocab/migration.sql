-- The terms of the search index, for counting what a prefix query expands to before running it
-- (src/search/expansion.ts). fts5vocab reads search_fts itself: there is nothing to keep in step.
CREATE VIRTUAL TABLE `search_fts_vocab` USING fts5vocab(`search_fts`, 'row');
