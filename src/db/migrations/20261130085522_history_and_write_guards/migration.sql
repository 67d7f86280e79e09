CREATE TABLE `history` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`write_id` text NOT NULL,
	`at` text NOT NULL,
	`editor` text NOT NULL,
	`operation` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_key` text NOT NULL,
	`change` text NOT NULL,
	`article_id` text,
	`changed_fields` text NOT NULL,
	`before` text,
	`after` text,
	`note` text,
	CONSTRAINT "history_change" CHECK("change" IN ('CREATED', 'UPDATED', 'REMOVED', 'REVIEWED', 'MERGED', 'PURGED'))
);
--> statement-breakpoint
CREATE TABLE `write_guards` (
	`id` integer PRIMARY KEY,
	`planned` integer NOT NULL,
	`current` integer NOT NULL,
	CONSTRAINT "write_guards_revision_unchanged" CHECK("planned" = "current")
);
--> statement-breakpoint
CREATE INDEX `history_subject_idx` ON `history` (`subject_type`,`subject_key`,`id`);--> statement-breakpoint
CREATE INDEX `history_article_idx` ON `history` (`article_id`);