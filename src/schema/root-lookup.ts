/**
 * Field extension: a root field answering one object, or a list of them, by key (`node`, `nodes`,
 * `article`), whose resolver loads each row with plugin-drizzle's plan of the field's selection.
 * The compiled read path (src/server/execution/) may run it: it calls this resolver as graphql-js
 * would and shapes the rows it returns, instead of running a resolver per field.
 */
export const ROOT_LOOKUP = 'dossierRootLookup';

export const rootLookup = { [ROOT_LOOKUP]: true } as const;
