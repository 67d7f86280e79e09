-- Full-text search, hand-written (drizzle-kit does not know virtual tables; its tablesFilter
-- '!*_fts*' keeps it away from every table here).
--
-- search_fts_docs holds one row per searchable field of an article or fact (type, key, field,
-- text); search_fts is an external-content FTS5 index over it, so every hit knows its source and
-- highlight() can mark the whole field. Triggers on the source tables keep the documents in step
-- (the app upserts, so updates arrive as UPDATE; unchanged texts are not re-indexed), and
-- triggers on the documents keep the index in step. actor_name_fts is the same pattern with the
-- trigram tokenizer, over actor names and aliases, for substring filters served by an index.
CREATE TABLE `search_fts_docs` (
	`id` integer PRIMARY KEY,
	`type` text NOT NULL,
	`key` text NOT NULL,
	`field` text NOT NULL,
	`text` text NOT NULL,
	CONSTRAINT `search_fts_docs_source` UNIQUE(`type`, `key`, `field`)
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts` USING fts5(
	`text`,
	content='search_fts_docs',
	content_rowid='id',
	tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `search_fts_docs` (`type`, `key`, `field`, `text`)
SELECT 'ARTICLE', `id`, 'headline', `headline` FROM `articles`
UNION ALL SELECT 'ARTICLE', `id`, 'body', `body` FROM `articles`
UNION ALL SELECT 'QUOTE', `id`, 'text', `text` FROM `quotes`
UNION ALL SELECT 'MEASURE', `id`, 'title', `title` FROM `measures`
UNION ALL SELECT 'MEASURE', `id`, 'summary', `summary` FROM `measures`
UNION ALL SELECT 'POSITION', `id`, 'question', `question` FROM `positions`
UNION ALL SELECT 'POSITION', `id`, 'summary', `summary` FROM `positions`
UNION ALL SELECT 'FUNDING_ITEM', `id`, 'purpose', `purpose` FROM `funding_items`
UNION ALL SELECT 'FUNDING_ITEM', `id`, 'amount.reportedText', `reported_text` FROM `funding_items`;
--> statement-breakpoint
INSERT INTO `search_fts` (`search_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `search_fts_docs_ai` AFTER INSERT ON `search_fts_docs` BEGIN
	INSERT INTO `search_fts` (`rowid`, `text`) VALUES (new.`id`, new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_fts_docs_ad` AFTER DELETE ON `search_fts_docs` BEGIN
	INSERT INTO `search_fts` (`search_fts`, `rowid`, `text`) VALUES ('delete', old.`id`, old.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `search_fts_docs_au` AFTER UPDATE ON `search_fts_docs` BEGIN
	INSERT INTO `search_fts` (`search_fts`, `rowid`, `text`) VALUES ('delete', old.`id`, old.`text`);
	INSERT INTO `search_fts` (`rowid`, `text`) VALUES (new.`id`, new.`text`);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_search_ai` AFTER INSERT ON `articles` BEGIN
	INSERT INTO `search_fts_docs` (`type`, `key`, `field`, `text`)
	VALUES ('ARTICLE', new.`id`, 'headline', new.`headline`), ('ARTICLE', new.`id`, 'body', new.`body`)
	ON CONFLICT (`type`, `key`, `field`) DO UPDATE SET `text` = excluded.`text` WHERE `text` IS NOT excluded.`text`;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_search_au` AFTER UPDATE ON `articles`
WHEN old.`id` IS NOT new.`id` OR old.`headline` IS NOT new.`headline` OR old.`body` IS NOT new.`body` BEGIN
	DELETE FROM `search_fts_docs` WHERE `type` = 'ARTICLE' AND `key` = old.`id` AND old.`id` IS NOT new.`id`;
	INSERT INTO `search_fts_docs` (`type`, `key`, `field`, `text`)
	VALUES ('ARTICLE', new.`id`, 'headline', new.`headline`), ('ARTICLE', new.`id`, 'body', new.`body`)
	ON CONFLICT (`type`, `key`, `field`) DO UPDATE SET `text` = excluded.`text` WHERE `text` IS NOT excluded.`text`;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_search_ad` AFTER DELETE ON `articles` BEGIN
	DELETE FROM `search_fts_docs` WHERE `type` = 'ARTICLE' AND `key` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `quotes_search_ai` AFTER INSERT ON `quotes` BEGIN
	INSERT INTO `search_fts_docs` (`type`, `key`, `field`, `text`)
	VALUES ('QUOTE', new.`id`, 'text', new.`text`)
	ON CONFLICT (`type`, `key`, `field`) DO UPDATE SET `text` = excluded.`text` WHERE `text` IS NOT excluded.`text`;
END;
--> statement-breakpoint
CREATE TRIGGER `quotes_search_au` AFTER UPDATE ON `quotes`
WHEN old.`id` IS NOT new.`id` OR old.`text` IS NOT new.`text` BEGIN
	DELETE FROM `search_fts_docs` WHERE `type` = 'QUOTE' AND `key` = old.`id` AND old.`id` IS NOT new.`id`;
	INSERT INTO `search_fts_docs` (`type`, `key`, `field`, `text`)
	VALUES ('QUOTE', new.`id`, 'text', new.`text`)
	ON CONFLICT (`type`, `key`, `field`) DO UPDATE SET `text` = excluded.`text` WHERE `text` IS NOT excluded.`text`;
END;
--> statement-breakpoint
CREATE TRIGGER `quotes_search_ad` AFTER DELETE ON `quotes` BEGIN
	DELETE FROM `search_fts_docs` WHERE `type` = 'QUOTE' AND `key` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `measures_search_ai` AFTER INSERT ON `measures` BEGIN
	INSERT INTO `search_fts_docs` (`type`, `key`, `field`, `text`)
	VALUES ('MEASURE', new.`id`, 'title', new.`title`), ('MEASURE', new.`id`, 'summary', new.`summary`)
	ON CONFLICT (`type`, `key`, `field`) DO UPDATE SET `text` = excluded.`text` WHERE `text` IS NOT excluded.`text`;
END;
--> statement-breakpoint
CREATE TRIGGER `measures_search_au` AFTER UPDATE ON `measures`
WHEN old.`id` IS NOT new.`id` OR old.`title` IS NOT new.`title` OR old.`summary` IS NOT new.`summary` BEGIN
	DELETE FROM `search_fts_docs` WHERE `type` = 'MEASURE' AND `key` = old.`id` AND old.`id` IS NOT new.`id`;
	INSERT INTO `search_fts_docs` (`type`, `key`, `field`, `text`)
	VALUES ('MEASURE', new.`id`, 'title', new.`title`), ('MEASURE', new.`id`, 'summary', new.`summary`)
	ON CONFLICT (`type`, `key`, `field`) DO UPDATE SET `text` = excluded.`text` WHERE `text` IS NOT excluded.`text`;
END;
--> statement-breakpoint
CREATE TRIGGER `measures_search_ad` AFTER DELETE ON `measures` BEGIN
	DELETE FROM `search_fts_docs` WHERE `type` = 'MEASURE' AND `key` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `positions_search_ai` AFTER INSERT ON `positions` BEGIN
	INSERT INTO `search_fts_docs` (`type`, `key`, `field`, `text`)
	VALUES ('POSITION', new.`id`, 'question', new.`question`), ('POSITION', new.`id`, 'summary', new.`summary`)
	ON CONFLICT (`type`, `key`, `field`) DO UPDATE SET `text` = excluded.`text` WHERE `text` IS NOT excluded.`text`;
END;
--> statement-breakpoint
CREATE TRIGGER `positions_search_au` AFTER UPDATE ON `positions`
WHEN old.`id` IS NOT new.`id` OR old.`question` IS NOT new.`question` OR old.`summary` IS NOT new.`summary` BEGIN
	DELETE FROM `search_fts_docs` WHERE `type` = 'POSITION' AND `key` = old.`id` AND old.`id` IS NOT new.`id`;
	INSERT INTO `search_fts_docs` (`type`, `key`, `field`, `text`)
	VALUES ('POSITION', new.`id`, 'question', new.`question`), ('POSITION', new.`id`, 'summary', new.`summary`)
	ON CONFLICT (`type`, `key`, `field`) DO UPDATE SET `text` = excluded.`text` WHERE `text` IS NOT excluded.`text`;
END;
--> statement-breakpoint
CREATE TRIGGER `positions_search_ad` AFTER DELETE ON `positions` BEGIN
	DELETE FROM `search_fts_docs` WHERE `type` = 'POSITION' AND `key` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `funding_items_search_ai` AFTER INSERT ON `funding_items` BEGIN
	INSERT INTO `search_fts_docs` (`type`, `key`, `field`, `text`)
	VALUES ('FUNDING_ITEM', new.`id`, 'purpose', new.`purpose`), ('FUNDING_ITEM', new.`id`, 'amount.reportedText', new.`reported_text`)
	ON CONFLICT (`type`, `key`, `field`) DO UPDATE SET `text` = excluded.`text` WHERE `text` IS NOT excluded.`text`;
END;
--> statement-breakpoint
CREATE TRIGGER `funding_items_search_au` AFTER UPDATE ON `funding_items`
WHEN old.`id` IS NOT new.`id` OR old.`purpose` IS NOT new.`purpose` OR old.`reported_text` IS NOT new.`reported_text` BEGIN
	DELETE FROM `search_fts_docs` WHERE `type` = 'FUNDING_ITEM' AND `key` = old.`id` AND old.`id` IS NOT new.`id`;
	INSERT INTO `search_fts_docs` (`type`, `key`, `field`, `text`)
	VALUES ('FUNDING_ITEM', new.`id`, 'purpose', new.`purpose`), ('FUNDING_ITEM', new.`id`, 'amount.reportedText', new.`reported_text`)
	ON CONFLICT (`type`, `key`, `field`) DO UPDATE SET `text` = excluded.`text` WHERE `text` IS NOT excluded.`text`;
END;
--> statement-breakpoint
CREATE TRIGGER `funding_items_search_ad` AFTER DELETE ON `funding_items` BEGIN
	DELETE FROM `search_fts_docs` WHERE `type` = 'FUNDING_ITEM' AND `key` = old.`id`;
END;
--> statement-breakpoint
CREATE TABLE `actor_name_fts_docs` (
	`id` integer PRIMARY KEY,
	`actor_id` text NOT NULL,
	`source` text NOT NULL,
	`name` text NOT NULL,
	CONSTRAINT `actor_name_fts_docs_source` UNIQUE(`actor_id`, `source`, `name`)
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `actor_name_fts` USING fts5(
	`name`,
	content='actor_name_fts_docs',
	content_rowid='id',
	tokenize='trigram'
);
--> statement-breakpoint
INSERT INTO `actor_name_fts_docs` (`actor_id`, `source`, `name`)
SELECT `id`, 'name', `name` FROM `actors`
UNION ALL SELECT `actor_id`, 'alias', `alias` FROM `actor_aliases`;
--> statement-breakpoint
INSERT INTO `actor_name_fts` (`actor_name_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `actor_name_fts_docs_ai` AFTER INSERT ON `actor_name_fts_docs` BEGIN
	INSERT INTO `actor_name_fts` (`rowid`, `name`) VALUES (new.`id`, new.`name`);
END;
--> statement-breakpoint
CREATE TRIGGER `actor_name_fts_docs_ad` AFTER DELETE ON `actor_name_fts_docs` BEGIN
	INSERT INTO `actor_name_fts` (`actor_name_fts`, `rowid`, `name`) VALUES ('delete', old.`id`, old.`name`);
END;
--> statement-breakpoint
CREATE TRIGGER `actor_name_fts_docs_au` AFTER UPDATE ON `actor_name_fts_docs` BEGIN
	INSERT INTO `actor_name_fts` (`actor_name_fts`, `rowid`, `name`) VALUES ('delete', old.`id`, old.`name`);
	INSERT INTO `actor_name_fts` (`rowid`, `name`) VALUES (new.`id`, new.`name`);
END;
--> statement-breakpoint
CREATE TRIGGER `actors_name_ai` AFTER INSERT ON `actors` BEGIN
	INSERT INTO `actor_name_fts_docs` (`actor_id`, `source`, `name`) VALUES (new.`id`, 'name', new.`name`)
	ON CONFLICT (`actor_id`, `source`, `name`) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `actors_name_au` AFTER UPDATE ON `actors`
WHEN old.`id` IS NOT new.`id` OR old.`name` IS NOT new.`name` BEGIN
	DELETE FROM `actor_name_fts_docs` WHERE `actor_id` = old.`id` AND `source` = 'name';
	INSERT INTO `actor_name_fts_docs` (`actor_id`, `source`, `name`) VALUES (new.`id`, 'name', new.`name`)
	ON CONFLICT (`actor_id`, `source`, `name`) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `actors_name_ad` AFTER DELETE ON `actors` BEGIN
	DELETE FROM `actor_name_fts_docs` WHERE `actor_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `actor_aliases_name_ai` AFTER INSERT ON `actor_aliases` BEGIN
	INSERT INTO `actor_name_fts_docs` (`actor_id`, `source`, `name`) VALUES (new.`actor_id`, 'alias', new.`alias`)
	ON CONFLICT (`actor_id`, `source`, `name`) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `actor_aliases_name_au` AFTER UPDATE ON `actor_aliases`
WHEN old.`actor_id` IS NOT new.`actor_id` OR old.`alias` IS NOT new.`alias` BEGIN
	DELETE FROM `actor_name_fts_docs` WHERE `actor_id` = old.`actor_id` AND `source` = 'alias' AND `name` = old.`alias`;
	INSERT INTO `actor_name_fts_docs` (`actor_id`, `source`, `name`) VALUES (new.`actor_id`, 'alias', new.`alias`)
	ON CONFLICT (`actor_id`, `source`, `name`) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `actor_aliases_name_ad` AFTER DELETE ON `actor_aliases` BEGIN
	DELETE FROM `actor_name_fts_docs` WHERE `actor_id` = old.`actor_id` AND `source` = 'alias' AND `name` = old.`alias`;
END;
