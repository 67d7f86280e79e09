CREATE TABLE `actor_aliases` (
	`actor_id` text NOT NULL,
	`alias` text NOT NULL,
	CONSTRAINT `actor_aliases_pk` PRIMARY KEY(`actor_id`, `alias`),
	CONSTRAINT `fk_actor_aliases_actor_id_actors_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `actors` (
	`id` text PRIMARY KEY,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text,
	CONSTRAINT "actors_kind" CHECK("kind" IN ('PERSON', 'EU_INSTITUTION', 'EU_AGENCY', 'NATIONAL_GOVERNMENT', 'NATIONAL_AUTHORITIES', 'NGO', 'COMPANY', 'NEWS_OUTLET', 'COUNTRY', 'UNNAMED_OFFICE', 'GROUP'))
);
--> statement-breakpoint
CREATE TABLE `article_subheadings` (
	`article_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`exact` text NOT NULL,
	CONSTRAINT `article_subheadings_pk` PRIMARY KEY(`article_id`, `start`),
	CONSTRAINT `fk_article_subheadings_article_id_articles_id_fk` FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON DELETE CASCADE,
	CONSTRAINT "article_subheadings_span" CHECK("start" >= 0 AND "start" < "end")
);
--> statement-breakpoint
CREATE TABLE `article_topics` (
	`article_id` text NOT NULL,
	`topic` text NOT NULL,
	CONSTRAINT `article_topics_pk` PRIMARY KEY(`article_id`, `topic`),
	CONSTRAINT `fk_article_topics_article_id_articles_id_fk` FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `articles` (
	`id` text PRIMARY KEY,
	`headline` text NOT NULL,
	`headline_provenance` text NOT NULL,
	`published_on` text NOT NULL,
	`publisher` text,
	`url` text,
	`language` text NOT NULL,
	`body` text NOT NULL,
	`source_file` text,
	CONSTRAINT "articles_published_on_is_date" CHECK(date("published_on") IS "published_on"),
	CONSTRAINT "articles_headline_provenance" CHECK("headline_provenance" IN ('SOURCE_TEXT', 'EDITORS'))
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY,
	`name` text NOT NULL,
	`place` text,
	`date_earliest` text NOT NULL,
	`date_latest` text NOT NULL,
	`date_precision` text NOT NULL,
	`date_text` text,
	`date_derivation` text,
	`review_status` text DEFAULT 'UNREVIEWED' NOT NULL,
	`provenance` text DEFAULT 'SOURCE_TEXT' NOT NULL,
	CONSTRAINT "events_date_precision" CHECK("date_precision" IN ('DAY', 'MONTH', 'QUARTER', 'YEAR', 'RANGE')),
	CONSTRAINT "events_date_dates" CHECK(("date_earliest" IS NULL AND "date_latest" IS NULL AND "date_precision" IS NULL) OR (date("date_earliest") IS "date_earliest" AND date("date_latest") IS "date_latest" AND "date_earliest" <= "date_latest" AND "date_precision" IS NOT NULL)),
	CONSTRAINT "events_review_status" CHECK("review_status" IN ('UNREVIEWED', 'CONFIRMED', 'CORRECTED', 'REJECTED')),
	CONSTRAINT "events_provenance" CHECK("provenance" IN ('SOURCE_TEXT', 'EDITORS'))
);
--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`article_id` text NOT NULL,
	`measure_id` text,
	`position_id` text,
	`funding_item_id` text,
	`quote_id` text,
	`figure_id` text,
	`event_id` text,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`exact` text NOT NULL,
	`sentence_start` integer NOT NULL,
	`sentence_end` integer NOT NULL,
	`sentence` text NOT NULL,
	`role` text NOT NULL,
	CONSTRAINT `fk_evidence_article_id_articles_id_fk` FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_evidence_measure_id_article_id_reports_measure_id_article_id_fk` FOREIGN KEY (`measure_id`,`article_id`) REFERENCES `reports`(`measure_id`,`article_id`) ON DELETE CASCADE,
	CONSTRAINT `fk_evidence_position_id_article_id_reports_position_id_article_id_fk` FOREIGN KEY (`position_id`,`article_id`) REFERENCES `reports`(`position_id`,`article_id`) ON DELETE CASCADE,
	CONSTRAINT `fk_evidence_funding_item_id_article_id_reports_funding_item_id_article_id_fk` FOREIGN KEY (`funding_item_id`,`article_id`) REFERENCES `reports`(`funding_item_id`,`article_id`) ON DELETE CASCADE,
	CONSTRAINT `fk_evidence_quote_id_article_id_reports_quote_id_article_id_fk` FOREIGN KEY (`quote_id`,`article_id`) REFERENCES `reports`(`quote_id`,`article_id`) ON DELETE CASCADE,
	CONSTRAINT `fk_evidence_figure_id_article_id_reports_figure_id_article_id_fk` FOREIGN KEY (`figure_id`,`article_id`) REFERENCES `reports`(`figure_id`,`article_id`) ON DELETE CASCADE,
	CONSTRAINT `fk_evidence_event_id_article_id_reports_event_id_article_id_fk` FOREIGN KEY (`event_id`,`article_id`) REFERENCES `reports`(`event_id`,`article_id`) ON DELETE CASCADE,
	CONSTRAINT "evidence_span" CHECK("start" >= 0 AND "start" < "end" AND "sentence_start" <= "start" AND "end" <= "sentence_end"),
	CONSTRAINT "evidence_exactly_one_fact" CHECK(("measure_id" IS NOT NULL) + ("position_id" IS NOT NULL) + ("funding_item_id" IS NOT NULL) + ("quote_id" IS NOT NULL) + ("figure_id" IS NOT NULL) + ("event_id" IS NOT NULL) = 1),
	CONSTRAINT "evidence_role" CHECK("role" IN ('MAIN_STATEMENT', 'ATTRIBUTION', 'AMOUNT', 'DATE', 'DEADLINE', 'EXPECTED_DATE', 'ACTOR', 'SUBJECT', 'CONTEXT'))
);
--> statement-breakpoint
CREATE TABLE `figures` (
	`id` text PRIMARY KEY,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`reported_text` text NOT NULL,
	`approximate` integer NOT NULL,
	`measures` text NOT NULL,
	`reporter_id` text,
	`measure_id` text,
	`review_status` text DEFAULT 'UNREVIEWED' NOT NULL,
	`provenance` text DEFAULT 'SOURCE_TEXT' NOT NULL,
	CONSTRAINT `fk_figures_reporter_id_actors_id_fk` FOREIGN KEY (`reporter_id`) REFERENCES `actors`(`id`),
	CONSTRAINT `fk_figures_measure_id_measures_id_fk` FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`),
	CONSTRAINT "figures_review_status" CHECK("review_status" IN ('UNREVIEWED', 'CONFIRMED', 'CORRECTED', 'REJECTED')),
	CONSTRAINT "figures_provenance" CHECK("provenance" IN ('SOURCE_TEXT', 'EDITORS'))
);
--> statement-breakpoint
CREATE TABLE `funding_item_flags` (
	`funding_item_id` text NOT NULL,
	`flag` text NOT NULL,
	CONSTRAINT `funding_item_flags_pk` PRIMARY KEY(`funding_item_id`, `flag`),
	CONSTRAINT `fk_funding_item_flags_funding_item_id_funding_items_id_fk` FOREIGN KEY (`funding_item_id`) REFERENCES `funding_items`(`id`) ON DELETE CASCADE,
	CONSTRAINT "funding_item_flags_flag" CHECK("flag" IN ('SUSPECTED_TYPO', 'IMPLAUSIBLE_AMOUNT', 'AMBIGUOUS_PERIOD', 'AMBIGUOUS_CURRENCY'))
);
--> statement-breakpoint
CREATE TABLE `funding_items` (
	`id` text PRIMARY KEY,
	`purpose` text NOT NULL,
	`funder_id` text,
	`stage` text NOT NULL,
	`programme` text,
	`period_earliest` text,
	`period_latest` text,
	`period_precision` text,
	`period_text` text,
	`period_derivation` text,
	`reported_text` text NOT NULL,
	`approximate` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency_code` text NOT NULL,
	`quality_note` text,
	`measure_id` text,
	`review_status` text DEFAULT 'UNREVIEWED' NOT NULL,
	`provenance` text DEFAULT 'SOURCE_TEXT' NOT NULL,
	CONSTRAINT `fk_funding_items_funder_id_actors_id_fk` FOREIGN KEY (`funder_id`) REFERENCES `actors`(`id`),
	CONSTRAINT `fk_funding_items_measure_id_measures_id_fk` FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`),
	CONSTRAINT "funding_items_amount_not_negative" CHECK("amount_minor" >= 0),
	CONSTRAINT "funding_items_stage" CHECK("stage" IN ('ANNOUNCED', 'PLEDGED', 'COMMITTED', 'DISBURSED')),
	CONSTRAINT "funding_items_currency" CHECK("currency_code" IN ('EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'NOK', 'TRY', 'EGP', 'JPY')),
	CONSTRAINT "funding_items_period_precision" CHECK("period_precision" IN ('DAY', 'MONTH', 'QUARTER', 'YEAR', 'RANGE')),
	CONSTRAINT "funding_items_period_dates" CHECK(("period_earliest" IS NULL AND "period_latest" IS NULL AND "period_precision" IS NULL) OR (date("period_earliest") IS "period_earliest" AND date("period_latest") IS "period_latest" AND "period_earliest" <= "period_latest" AND "period_precision" IS NOT NULL)),
	CONSTRAINT "funding_items_review_status" CHECK("review_status" IN ('UNREVIEWED', 'CONFIRMED', 'CORRECTED', 'REJECTED')),
	CONSTRAINT "funding_items_provenance" CHECK("provenance" IN ('SOURCE_TEXT', 'EDITORS'))
);
--> statement-breakpoint
CREATE TABLE `measure_actors` (
	`measure_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`role` text NOT NULL,
	CONSTRAINT `measure_actors_pk` PRIMARY KEY(`measure_id`, `actor_id`, `role`),
	CONSTRAINT `fk_measure_actors_measure_id_measures_id_fk` FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_measure_actors_actor_id_actors_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`),
	CONSTRAINT "measure_actors_role" CHECK("role" IN ('TARGET', 'INVOLVED', 'IMPLEMENTER', 'BENEFICIARY'))
);
--> statement-breakpoint
CREATE TABLE `measures` (
	`id` text PRIMARY KEY,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`proposer_id` text,
	`parent_id` text,
	`announced_earliest` text,
	`announced_latest` text,
	`announced_precision` text,
	`announced_text` text,
	`announced_derivation` text,
	`expected_earliest` text,
	`expected_latest` text,
	`expected_precision` text,
	`expected_text` text,
	`expected_derivation` text,
	`deadline_earliest` text,
	`deadline_latest` text,
	`deadline_precision` text,
	`deadline_text` text,
	`deadline_derivation` text,
	`review_status` text DEFAULT 'UNREVIEWED' NOT NULL,
	`provenance` text DEFAULT 'SOURCE_TEXT' NOT NULL,
	CONSTRAINT `fk_measures_proposer_id_actors_id_fk` FOREIGN KEY (`proposer_id`) REFERENCES `actors`(`id`),
	CONSTRAINT `fk_measures_parent_id_measures_id_fk` FOREIGN KEY (`parent_id`) REFERENCES `measures`(`id`),
	CONSTRAINT "measures_type" CHECK("type" IN ('POLICY_PACKAGE', 'LEGISLATION', 'FUNDING_PROGRAMME', 'STAFFING', 'OPERATIONAL_CAPABILITY', 'TRAINING', 'EXPERT_NETWORK', 'TOOLBOX', 'INTERNATIONAL_COOPERATION', 'DATA_SHARING', 'OTHER')),
	CONSTRAINT "measures_status" CHECK("status" IN ('ANNOUNCED', 'PROPOSED', 'PLANNED', 'ADOPTED', 'IN_FORCE', 'WITHDRAWN')),
	CONSTRAINT "measures_announced_precision" CHECK("announced_precision" IN ('DAY', 'MONTH', 'QUARTER', 'YEAR', 'RANGE')),
	CONSTRAINT "measures_announced_dates" CHECK(("announced_earliest" IS NULL AND "announced_latest" IS NULL AND "announced_precision" IS NULL) OR (date("announced_earliest") IS "announced_earliest" AND date("announced_latest") IS "announced_latest" AND "announced_earliest" <= "announced_latest" AND "announced_precision" IS NOT NULL)),
	CONSTRAINT "measures_expected_precision" CHECK("expected_precision" IN ('DAY', 'MONTH', 'QUARTER', 'YEAR', 'RANGE')),
	CONSTRAINT "measures_expected_dates" CHECK(("expected_earliest" IS NULL AND "expected_latest" IS NULL AND "expected_precision" IS NULL) OR (date("expected_earliest") IS "expected_earliest" AND date("expected_latest") IS "expected_latest" AND "expected_earliest" <= "expected_latest" AND "expected_precision" IS NOT NULL)),
	CONSTRAINT "measures_deadline_precision" CHECK("deadline_precision" IN ('DAY', 'MONTH', 'QUARTER', 'YEAR', 'RANGE')),
	CONSTRAINT "measures_deadline_dates" CHECK(("deadline_earliest" IS NULL AND "deadline_latest" IS NULL AND "deadline_precision" IS NULL) OR (date("deadline_earliest") IS "deadline_earliest" AND date("deadline_latest") IS "deadline_latest" AND "deadline_earliest" <= "deadline_latest" AND "deadline_precision" IS NOT NULL)),
	CONSTRAINT "measures_review_status" CHECK("review_status" IN ('UNREVIEWED', 'CONFIRMED', 'CORRECTED', 'REJECTED')),
	CONSTRAINT "measures_provenance" CHECK("provenance" IN ('SOURCE_TEXT', 'EDITORS'))
);
--> statement-breakpoint
CREATE TABLE `mentions` (
	`article_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`name_as_written` text NOT NULL,
	`role_as_written` text,
	CONSTRAINT `mentions_pk` PRIMARY KEY(`article_id`, `actor_id`),
	CONSTRAINT `fk_mentions_article_id_articles_id_fk` FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_mentions_actor_id_actors_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`)
);
--> statement-breakpoint
CREATE TABLE `positions` (
	`id` text PRIMARY KEY,
	`actor_id` text NOT NULL,
	`question` text NOT NULL,
	`stance` text NOT NULL,
	`summary` text NOT NULL,
	`stated_earliest` text,
	`stated_latest` text,
	`stated_precision` text,
	`stated_text` text,
	`stated_derivation` text,
	`review_status` text DEFAULT 'UNREVIEWED' NOT NULL,
	`provenance` text DEFAULT 'SOURCE_TEXT' NOT NULL,
	CONSTRAINT `fk_positions_actor_id_actors_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`),
	CONSTRAINT "positions_stance" CHECK("stance" IN ('DEMANDS', 'SUPPORTS', 'OPPOSES', 'QUESTIONS')),
	CONSTRAINT "positions_stated_precision" CHECK("stated_precision" IN ('DAY', 'MONTH', 'QUARTER', 'YEAR', 'RANGE')),
	CONSTRAINT "positions_stated_dates" CHECK(("stated_earliest" IS NULL AND "stated_latest" IS NULL AND "stated_precision" IS NULL) OR (date("stated_earliest") IS "stated_earliest" AND date("stated_latest") IS "stated_latest" AND "stated_earliest" <= "stated_latest" AND "stated_precision" IS NOT NULL)),
	CONSTRAINT "positions_review_status" CHECK("review_status" IN ('UNREVIEWED', 'CONFIRMED', 'CORRECTED', 'REJECTED')),
	CONSTRAINT "positions_provenance" CHECK("provenance" IN ('SOURCE_TEXT', 'EDITORS'))
);
--> statement-breakpoint
CREATE TABLE `quotes` (
	`id` text PRIMARY KEY,
	`article_id` text NOT NULL,
	`speaker_id` text,
	`speaker_as_written` text,
	`role_as_written` text,
	`text` text NOT NULL,
	`kind` text NOT NULL,
	`review_status` text DEFAULT 'UNREVIEWED' NOT NULL,
	`provenance` text DEFAULT 'SOURCE_TEXT' NOT NULL,
	CONSTRAINT `fk_quotes_article_id_articles_id_fk` FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`),
	CONSTRAINT `fk_quotes_speaker_id_actors_id_fk` FOREIGN KEY (`speaker_id`) REFERENCES `actors`(`id`),
	CONSTRAINT "quotes_kind" CHECK("kind" IN ('FULL_SENTENCE', 'PARTIAL')),
	CONSTRAINT "quotes_review_status" CHECK("review_status" IN ('UNREVIEWED', 'CONFIRMED', 'CORRECTED', 'REJECTED')),
	CONSTRAINT "quotes_provenance" CHECK("provenance" IN ('SOURCE_TEXT', 'EDITORS'))
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`article_id` text NOT NULL,
	`measure_id` text,
	`position_id` text,
	`funding_item_id` text,
	`quote_id` text,
	`figure_id` text,
	`event_id` text,
	CONSTRAINT `fk_reports_article_id_articles_id_fk` FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_reports_measure_id_measures_id_fk` FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_reports_position_id_positions_id_fk` FOREIGN KEY (`position_id`) REFERENCES `positions`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_reports_funding_item_id_funding_items_id_fk` FOREIGN KEY (`funding_item_id`) REFERENCES `funding_items`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_reports_quote_id_quotes_id_fk` FOREIGN KEY (`quote_id`) REFERENCES `quotes`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_reports_figure_id_figures_id_fk` FOREIGN KEY (`figure_id`) REFERENCES `figures`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_reports_event_id_events_id_fk` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE CASCADE,
	CONSTRAINT "reports_exactly_one_fact" CHECK(("measure_id" IS NOT NULL) + ("position_id" IS NOT NULL) + ("funding_item_id" IS NOT NULL) + ("quote_id" IS NOT NULL) + ("figure_id" IS NOT NULL) + ("event_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE INDEX `actors_kind_idx` ON `actors` (`kind`,`id`);--> statement-breakpoint
CREATE INDEX `actors_name_idx` ON `actors` (`name`);--> statement-breakpoint
CREATE INDEX `article_topics_topic_idx` ON `article_topics` (`topic`);--> statement-breakpoint
CREATE INDEX `articles_published_on_idx` ON `articles` (`published_on`,`id`);--> statement-breakpoint
CREATE INDEX `events_date_idx` ON `events` (`date_earliest`);--> statement-breakpoint
CREATE INDEX `evidence_article_idx` ON `evidence` (`article_id`,`start`,`end`);--> statement-breakpoint
CREATE INDEX `evidence_measure_idx` ON `evidence` (`measure_id`,`article_id`);--> statement-breakpoint
CREATE INDEX `evidence_position_idx` ON `evidence` (`position_id`,`article_id`);--> statement-breakpoint
CREATE INDEX `evidence_funding_item_idx` ON `evidence` (`funding_item_id`,`article_id`);--> statement-breakpoint
CREATE INDEX `evidence_quote_idx` ON `evidence` (`quote_id`,`article_id`);--> statement-breakpoint
CREATE INDEX `evidence_figure_idx` ON `evidence` (`figure_id`,`article_id`);--> statement-breakpoint
CREATE INDEX `evidence_event_idx` ON `evidence` (`event_id`,`article_id`);--> statement-breakpoint
CREATE INDEX `figures_unit_idx` ON `figures` (`unit`);--> statement-breakpoint
CREATE INDEX `figures_reporter_idx` ON `figures` (`reporter_id`);--> statement-breakpoint
CREATE INDEX `figures_measure_idx` ON `figures` (`measure_id`);--> statement-breakpoint
CREATE INDEX `funding_item_flags_flag_idx` ON `funding_item_flags` (`flag`);--> statement-breakpoint
CREATE INDEX `funding_items_funder_idx` ON `funding_items` (`funder_id`);--> statement-breakpoint
CREATE INDEX `funding_items_measure_idx` ON `funding_items` (`measure_id`);--> statement-breakpoint
CREATE INDEX `funding_items_amount_idx` ON `funding_items` (`currency_code`,`amount_minor`);--> statement-breakpoint
CREATE INDEX `funding_items_period_idx` ON `funding_items` (`period_earliest`);--> statement-breakpoint
CREATE INDEX `measure_actors_actor_idx` ON `measure_actors` (`actor_id`);--> statement-breakpoint
CREATE INDEX `measures_proposer_idx` ON `measures` (`proposer_id`);--> statement-breakpoint
CREATE INDEX `measures_parent_idx` ON `measures` (`parent_id`);--> statement-breakpoint
CREATE INDEX `measures_status_idx` ON `measures` (`status`);--> statement-breakpoint
CREATE INDEX `measures_type_idx` ON `measures` (`type`);--> statement-breakpoint
CREATE INDEX `measures_deadline_idx` ON `measures` (`deadline_earliest`);--> statement-breakpoint
CREATE INDEX `mentions_actor_idx` ON `mentions` (`actor_id`);--> statement-breakpoint
CREATE INDEX `positions_actor_idx` ON `positions` (`actor_id`);--> statement-breakpoint
CREATE INDEX `positions_question_idx` ON `positions` (`question`,`stance`);--> statement-breakpoint
CREATE INDEX `quotes_article_idx` ON `quotes` (`article_id`);--> statement-breakpoint
CREATE INDEX `quotes_speaker_idx` ON `quotes` (`speaker_id`);--> statement-breakpoint
CREATE INDEX `reports_article_idx` ON `reports` (`article_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_measure_article_uq` ON `reports` (`measure_id`,`article_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_position_article_uq` ON `reports` (`position_id`,`article_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_funding_item_article_uq` ON `reports` (`funding_item_id`,`article_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_quote_article_uq` ON `reports` (`quote_id`,`article_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_figure_article_uq` ON `reports` (`figure_id`,`article_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reports_event_article_uq` ON `reports` (`event_id`,`article_id`);