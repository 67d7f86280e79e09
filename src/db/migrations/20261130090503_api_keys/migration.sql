CREATE TABLE `api_keys` (
	`name` text PRIMARY KEY,
	`role` text NOT NULL,
	`sha256` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	CONSTRAINT "api_keys_role" CHECK("role" IN ('EDITOR', 'ADMIN'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_sha256_uq` ON `api_keys` (`sha256`);