CREATE TABLE `data_revision` (
	`id` integer PRIMARY KEY,
	`revision` integer NOT NULL,
	CONSTRAINT "data_revision_single_row" CHECK("id" = 1)
);
