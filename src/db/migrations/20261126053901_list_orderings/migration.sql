DROP INDEX IF EXISTS `actors_kind_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `actors_name_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `events_date_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `figures_unit_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `figures_reporter_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `funding_items_funder_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `funding_items_amount_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `funding_items_period_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `measures_proposer_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `measures_status_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `measures_deadline_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `positions_actor_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `positions_question_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `quotes_article_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `quotes_speaker_idx`;--> statement-breakpoint
CREATE INDEX `actors_by_kind_idx` ON `actors` (`kind`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `actors_by_name_idx` ON `actors` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `articles_headline_idx` ON `articles` (`headline`,`id`);--> statement-breakpoint
CREATE INDEX `events_by_date_idx` ON `events` (`date_earliest`,`id`);--> statement-breakpoint
CREATE INDEX `events_name_idx` ON `events` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `figures_by_unit_idx` ON `figures` (`unit`,`value`,`id`);--> statement-breakpoint
CREATE INDEX `figures_by_reporter_idx` ON `figures` (`reporter_id`,`id`);--> statement-breakpoint
CREATE INDEX `funding_items_by_funder_idx` ON `funding_items` (`funder_id`,`id`);--> statement-breakpoint
CREATE INDEX `funding_items_by_amount_idx` ON `funding_items` (`currency_code`,`amount_minor`,`id`);--> statement-breakpoint
CREATE INDEX `funding_items_period_sort_idx` ON `funding_items` (coalesce("period_earliest", '9999-12-31'),`id`);--> statement-breakpoint
CREATE INDEX `measures_by_proposer_idx` ON `measures` (`proposer_id`,`id`);--> statement-breakpoint
CREATE INDEX `measures_by_status_idx` ON `measures` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `measures_title_idx` ON `measures` (`title`,`id`);--> statement-breakpoint
CREATE INDEX `measures_deadline_sort_idx` ON `measures` (coalesce("deadline_earliest", '9999-12-31'),`id`);--> statement-breakpoint
CREATE INDEX `positions_by_actor_idx` ON `positions` (`actor_id`,`id`);--> statement-breakpoint
CREATE INDEX `positions_by_question_idx` ON `positions` (`question`,`stance`,`id`);--> statement-breakpoint
CREATE INDEX `quotes_by_article_idx` ON `quotes` (`article_id`,`id`);--> statement-breakpoint
CREATE INDEX `quotes_by_speaker_idx` ON `quotes` (`speaker_id`,`id`);